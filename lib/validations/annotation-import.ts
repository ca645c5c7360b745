import { z } from "zod";
import { text } from "@/lib/validations/storable";
import type { AnchorOutcome } from "@/lib/import/anchor-import";
import type { ImportFormat, ImportProblem } from "@/lib/import/types";

/** Largest annotation file accepted, in bytes; bigger uploads get 413 before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Entity type mapping value meaning "create a type with the file's name". */
export const NEW_ENTITY_TYPE = "new";

const flag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "on", ""])])
  .transform((v) => v === true || v === "true" || v === "1" || v === "on");

/**
 * The choices made in the import dialog, as query parameters or form fields:
 * `preview` reports without writing; `keepOrphans` stores what cannot be
 * anchored as orphaned annotations (otherwise their presence refuses the
 * import); `source` picks one text's annotations from a file with several;
 * `typeMap` maps the file's entity type names to the workspace's type ids (or
 * "new").
 */
/** A key the import dialog makes up to ask how far its import has got. */
export const importProgressKeySchema = text().regex(/^[A-Za-z0-9_-]{8,64}$/, "Not a progress key.");

/**
 * How far an import has got. An annotation import: reading the file and
 * finding its highlights in the text (no count: one step each, off the request
 * thread), checking each highlight, then saving the annotations. A workspace
 * archive import: reading the archive (counting its rows), then `importing`
 * its files in turn, `done` of `total` rows in all and `current` naming the
 * kind of row being written with its own count. A workspace archive export:
 * `exporting`, counted the same way.
 */
export const importProgressSchema = z.object({
  phase: z.enum(["reading", "anchoring", "checking", "saving", "importing", "exporting", "done", "failed"]),
  done: z.number().int(),
  total: z.number().int(),
  current: z.object({ kind: z.string(), done: z.number().int(), total: z.number().int() }).optional(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importOptionsSchema = z.object({
  format: z.enum(["w3c", "brat"]).optional(),
  progressKey: importProgressKeySchema.optional(),
  preview: flag.default(false),
  keepOrphans: flag.default(false),
  source: text().max(2000).optional(),
  typeMap: text()
    .max(20_000)
    .transform((v, ctx) => {
      try {
        return z.record(text().max(200), text().min(1).max(64)).parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: "custom", message: "typeMap must be a JSON object of type names to type ids." });
        return z.NEVER;
      }
    })
    .optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** One highlight of the file as the preview lists it. */
export type ImportItemReport = {
  item: number;
  line?: number;
  outcome: AnchorOutcome | "duplicate";
  /** The quote (clipped for display). */
  exact: string;
  start: number;
  end: number;
  entity: string | null;
  type: string | null;
  comments: number;
};

/** How one of the file's entity type names maps onto the workspace's types. */
export type ImportTypeMapping = {
  /** The name in the file ("" when the file names no type). */
  name: string;
  /** Highlights whose entity is new and needs this type. */
  count: number;
  /** The workspace type it maps to, `"new"` for a type created with this name, or null when a choice is needed. */
  typeId: string | null;
};

/** The reason given to a rejection imported without one (the review API requires a reason). */
export const IMPORTED_WITHOUT_REASON = "Imported without a reason";

/** A decision of the file imported as PROPOSED instead, with the decision as the file records it. */
export type ImportReviewNotKept = {
  item: number;
  line?: number;
  status: "ACCEPTED" | "REJECTED";
  /** The file's reviewer reference (user URL, id or email), if any. */
  reviewer: string | null;
  reviewed: string | null;
  reason: string | null;
  /** Why the decision was not kept. */
  why: string;
};

/** What an import did, or (preview) would do. */
export type ImportReport = {
  committed: boolean;
  format: ImportFormat;
  filename: string | null;
  /** Highlights in the file (for the chosen source). */
  total: number;
  anchored: number;
  moved: number;
  unanchorable: number;
  /** Already on the article (same place, entity and quote): not imported twice. */
  duplicates: number;
  /** Orphaned annotations written (committed with keepOrphans). */
  orphansKept: number;
  comments: number;
  /** Relations between the imported highlights (W3C `linking`, brat `R`/`*`). */
  relations: number;
  entities: { matched: number; created: number };
  entityTypes: ImportTypeMapping[];
  /** Types the file names that will be (or were) created. */
  typesCreated: string[];
  /** Review statuses in the file that were not applied (the importer cannot review): imported as proposed. */
  statusesIgnored: number;
  /**
   * Decisions kept as PROPOSED because the file's reviewer is not a member who may review (or would
   * review their own annotation where self-review is not allowed); the first ones, as the file has them.
   */
  reviewsNotKept: ImportReviewNotKept[];
  reviewsNotKeptCount: number;
  /** Texts the file annotates, when it annotates more than one (choose one with `source`). */
  sources: { source: string; count: number }[];
  source: string | null;
  items: ImportItemReport[];
  /** Read but not imported (replies to nothing, ignored selectors, relations the types refuse). */
  skipped: ImportProblem[];
  skippedCount: number;
  /** Why the import cannot be committed as asked; empty when it can. */
  problems: ImportProblem[];
  problemCount: number;
};
