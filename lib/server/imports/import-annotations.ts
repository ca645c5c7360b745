import {
  claimIdempotencyKey,
  storeIdempotentAnswer,
  type IdempotencyClaim,
} from "@/lib/server/idempotency/idempotency";
import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { cleanText } from "@/lib/content/sanitize-content";
import { parseCommentBody } from "@/lib/comments/parse-comment-body";
import {
  MAX_REPORTED_PROBLEMS,
  bratTextMismatch,
  formatOfFilename,
  readJson,
  type AnchoredHighlight,
  type ImportProblem,
  type ImportedCreator,
  type ImportedHighlight,
} from "@/lib/import";
import { activityExcerpt, recordActivities, recordActivity } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { publishLive } from "@/lib/server/live/publish-live";
import { anchorImportOffThread, parseImportOffThread } from "@/lib/server/compute-pool";
import { MAX_NOTE_LENGTH } from "@/lib/validations/annotation";
import { MAX_REJECTION_REASON } from "@/lib/validations/review";
import {
  IMPORTED_WITHOUT_REASON,
  NEW_ENTITY_TYPE,
  type ImportItemReport,
  type ImportReviewNotKept,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type ImportTypeMapping,
} from "@/lib/validations/annotation-import";
import type { ImportUpload } from "@/lib/server/imports/read-import-upload";
import type { ZipTextEntry } from "@/lib/server/imports/read-zip";
import { writeImportedRelations, type PlannedRelation } from "@/lib/server/imports/import-relations";
import { insertRows, type ColumnType } from "@/lib/server/archive/insert-rows";
import { timeSlices } from "@/lib/server/time-slices";

/** The one file an import reads: uploaded as it is, or chosen from a zip. */
type ImportFile = { format: "w3c" | "brat"; content: string; txt: string | null; filename: string | null };

/** Items listed in a report (the counts cover all of them). */
const MAX_REPORTED_ITEMS = 1000;
/** Highlights planned between two reports of progress. */
const PROGRESS_EVERY = 200;

/** Rows written by one statement of an import. */
const WRITE_SLICE = 500;

/** The columns an import writes (the others keep their defaults: version 1, no deletion, no thread resolution). */
const ANNOTATION_COLUMNS: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  revisionId: "text",
  authorId: "text",
  start: "int",
  end: "int",
  exact: "text",
  prefix: "text",
  suffix: "text",
  entityId: "text",
  note: "text",
  status: { enum: "AnnotationStatus" },
  reviewedById: "text",
  reviewedAt: "timestamp",
  rejectionReason: "text",
  anchorState: { enum: "AnchorState" },
  createdAt: "timestamp",
  updatedAt: "timestamp",
};
const COMMENT_COLUMNS: Record<string, ColumnType> = {
  id: "text",
  workspaceId: "text",
  articleId: "text",
  annotationId: "text",
  authorId: "text",
  body: "jsonb",
  text: "text",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};

/** Colours given to entity types an import creates, in turn. */
const NEW_TYPE_COLORS = ["#2f55d4", "#d94f4f", "#2f9e6e", "#b8741a", "#8a4fd9", "#1f8fa3", "#c2478f", "#5f6b7a"];
const MARGINALIA_ENTITY_URL = /\/w\/([^/?#]+)\/entities\/([^/?#]+)\/?(?:[?#].*)?$/;
/** A user as Marginalia's exports name them (`…/w/<ws>/members#user-<id>`) or a `…/users/<id>` URL. */
const MARGINALIA_USER_URL = /(?:#user-|\/users\/)([^/?#]+)\/?$/;

type Actor = { id: string; role: Role };

type EntityChoice =
  | { kind: "existing"; id: string; name: string }
  | { kind: "new"; key: string; name: string; typeName: string; externalId: string | null };

type PlannedHighlight = AnchoredHighlight & {
  entity: EntityChoice | null;
  duplicate: boolean;
  authorId: string;
  note: string | null;
  review: {
    status: "ACCEPTED" | "REJECTED";
    reviewedById: string;
    reviewedAt: Date;
    rejectionReason: string | null;
  } | null;
  comments: { authorId: string; body: object; text: string }[];
};

/** The Wikidata id or http(s) URL an external reference is stored as, or null when it is neither. */
export function normalizeExternalId(ref: string): string | null {
  const trimmed = ref.trim();
  const wikidata = /^(?:https?:\/\/(?:www\.)?wikidata\.org\/(?:entity|wiki)\/|wd:)?(Q\d+)$/i.exec(trimmed);
  if (wikidata) return wikidata[1].toUpperCase();
  return /^https?:\/\/\S+$/i.test(trimmed) && trimmed.length <= 2000 ? trimmed : null;
}

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1).toWellFormed()}…` : s);
const at = (h: ImportedHighlight) => ({ item: h.item, ...(h.line ? { line: h.line } : {}) });

/** A comment body (the comment editor's schema) holding `text`: paragraphs at blank lines, hard breaks at newlines. */
function commentDoc(text: string, attribution: string | null): object {
  const paragraphs = cleanText(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({
      type: "paragraph",
      content: p
        .split("\n")
        .flatMap((line, i) => [...(i ? [{ type: "hardBreak" }] : []), ...(line ? [{ type: "text", text: line }] : [])]),
    }));
  if (attribution) {
    paragraphs.unshift({
      type: "paragraph",
      content: [{ type: "text", text: `Imported from ${attribution}`, marks: [{ type: "italic" }] } as never],
    });
  }
  return { type: "doc", content: paragraphs };
}

/**
 * Imports a file of annotations onto an article's current revision, or with
 * `preview` reports what it would do without writing.
 *
 * Highlights are anchored by lib/anchoring (quote with context, position in
 * code points, fuzzy → "moved"); what cannot be anchored is refused unless
 * `keepOrphans`, then stored as orphaned annotations with the file's quote.
 * Entities of identifying bodies are matched by external id or Marginalia
 * URL (then by name within their type) or created, with their type mapped
 * by name or by `typeMap`. Comments and replies join their highlight's
 * thread. Creators who are members of the workspace (by user URL or email)
 * stay authors when the importer may manage anyone's annotations; everything
 * else is the importer's. Review decisions are kept only for importers who
 * may review, and only as the file's reviewer's when that reviewer is a member
 * who may review (not of their own annotation where self-review is not
 * allowed); otherwise they are imported as PROPOSED and listed in
 * `reviewsNotKept`. A rejection without a reason gets IMPORTED_WITHOUT_REASON. Highlights already on the article (same place, entity and quote;
 * for importers who are not leads, among their own) are not imported twice.
 *
 * All or nothing: one transaction, the article row locked; any problem
 * answers 422 listing the first ones with their item or line.
 */
export async function importAnnotations(options: {
  workspaceId: string;
  articleId: string;
  actor: Actor;
  upload: ImportUpload;
  options: ImportOptions;
  /** The request's Idempotency-Key: claimed and answered in the same transaction. */
  idempotency?: IdempotencyClaim | null;
  /** Told how far the import has got, for the dialog's progress bar. */
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportReport> {
  const { workspaceId, articleId, actor, upload } = options;
  const onProgress = options.onProgress ?? (() => {});
  onProgress({ phase: "reading", done: 0, total: 0 });
  const choice = options.options;
  // A plain file is checked before anything is locked; a zip needs the article's text to choose its file.
  let file: ImportFile | null = upload.zip
    ? null
    : { ...upload, format: choice.format ?? formatOfFilename(upload.filename ?? undefined) };
  let parsed = file ? await parseImportOffThread(file.format, file.content) : null;
  if (parsed?.problems.length) throw fileProblems(parsed.problems);

  return db.$transaction(
    async (tx) => {
      // A preview creates nothing: only a commit claims the key.
      const idempotency = choice.preview ? null : options.idempotency;
      await claimIdempotencyKey(tx, idempotency);
      const locked = await tx.$queryRaw<{ text: string; revisionId: string }[]>`
        SELECT r."text", r."id" AS "revisionId" FROM "Article" a
        JOIN "ArticleRevision" r ON r."id" = a."currentRevisionId"
        WHERE a."id" = ${articleId} AND a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL
        FOR UPDATE OF a`;
      if (!locked.length) throw notFound("Article");
      const { text, revisionId } = locked[0];

      if (!file || !parsed) {
        file = fileFromZip(upload.zip!, upload.filename, text, choice.format);
        parsed = await parseImportOffThread(file.format, file.content);
        if (parsed.problems.length) throw fileProblems(parsed.problems);
      }
      const { format } = file;
      if (format === "brat" && file.txt !== null) {
        const mismatch = bratTextMismatch(text, file.txt);
        if (mismatch) throw fileProblems([mismatch]);
      }

      // One text's annotations: the chosen source, else the only one, else one naming this article.
      const counts = new Map<string, number>();
      for (const h of parsed.highlights) if (h.source) counts.set(h.source, (counts.get(h.source) ?? 0) + 1);
      const sources = [...counts].map(([source, count]) => ({ source, count }));
      let source: string | null = choice.source ?? null;
      if (source && !counts.has(source)) throw fileProblems([{ message: "The file has no annotations on that text." }]);
      if (!source && sources.length > 1) source = sources.find((s) => s.source.includes(articleId))?.source ?? null;
      const needsSource = !source && sources.length > 1;
      // Until the text is chosen, nothing is anchored: the others' annotations would only be noise.
      const highlights = needsSource
        ? []
        : source
          ? parsed.highlights.filter((h) => h.source === source)
          : parsed.highlights;

      onProgress({ phase: "anchoring", done: 0, total: highlights.length });
      const { anchored, problems: anchorProblems } = await anchorImportOffThread(text, highlights);
      if (anchorProblems.length) throw fileProblems(anchorProblems);

      const sourceDecisions: ImportProblem[] = needsSource
        ? [{ message: `The file annotates ${sources.length} different texts: choose the one that is this article.` }]
        : [];

      const mayAttributeOthers = can(actor.role, "annotation.manageAny");
      const { authorOf, reviewerOf, speakerOf } = await creatorMapper(tx, workspaceId, actor.id, mayAttributeOthers);
      const { selfReviewAllowed } = await tx.workspace.findUniqueOrThrow({
        where: { id: workspaceId },
        select: { selfReviewAllowed: true },
      });
      const entities = await matchEntities(tx, workspaceId, anchored, choice.typeMap ?? {});
      const types = await mapEntityTypes(tx, workspaceId, actor, entities.newTypeCounts, choice.typeMap ?? {});
      // Leads see everyone's annotations; others compare with their own only, so the report never tells
      // them what others annotated (blind annotation).
      const existing = await existingKeys(tx, articleId, mayAttributeOthers ? null : actor.id);
      const mayReview = can(actor.role, "annotation.review");

      let statusesIgnored = 0;
      const reviewsNotKept: ImportReviewNotKept[] = [];
      const commentProblems: ImportProblem[] = [];
      const planned: PlannedHighlight[] = [];
      // A file of many thousand highlights (each comment parsed with the editor's schema) takes
      // seconds here: other requests run between slices.
      const slices = timeSlices();
      for (const [i, a] of anchored.entries()) {
        if (i % PROGRESS_EVERY === 0) onProgress({ phase: "checking", done: i, total: anchored.length });
        if (slices.due()) await slices.pass();
        const h = a.highlight;
        const entity = entities.choices[i];
        const key =
          a.outcome === "unanchorable"
            ? `o:${a.exact}\0${a.prefix}\0${a.suffix}`
            : `${a.start}:${a.end}:${entity?.kind === "existing" ? entity.id : ""}`;
        const duplicate = entity?.kind !== "new" && existing.has(key);
        const author = authorOf(h.creator);
        let review: PlannedHighlight["review"] = null;
        if (h.status && h.status !== "PROPOSED") {
          if (mayReview) {
            // A decision is the file's reviewer's, never the importer's: kept only when that reviewer is a
            // member who may review (and not of their own annotation where self-review is not allowed).
            const reviewerId = reviewerOf(h.review?.reviewer);
            const reviewed = h.review?.reviewed ? new Date(h.review.reviewed) : null;
            const reason = h.review?.rejectionReason ? cleanText(h.review.rejectionReason).trim() : "";
            const why = !reviewerId
              ? h.review?.reviewer
                ? "The reviewer is not a member who may review."
                : "The file names no reviewer."
              : reviewerId === author.id && !selfReviewAllowed
                ? "The reviewer is the author, and this workspace does not allow self-review."
                : null;
            if (why) {
              reviewsNotKept.push({
                ...at(h),
                status: h.status,
                reviewer: h.review?.reviewer ?? null,
                reviewed: h.review?.reviewed ?? null,
                reason: reason || null,
                why,
              });
            } else {
              review = {
                status: h.status,
                reviewedById: reviewerId!,
                reviewedAt: reviewed && !Number.isNaN(reviewed.getTime()) ? reviewed : new Date(),
                rejectionReason:
                  h.status === "REJECTED" ? reason.slice(0, MAX_REJECTION_REASON) || IMPORTED_WITHOUT_REASON : null,
              };
            }
          } else {
            statusesIgnored++;
          }
        }
        let note = h.note ? cleanText(h.note).trim() : null;
        // A note longer than notes may be (e.g. a long Hypothesis annotation) opens the thread instead.
        const overflow =
          note && note.length > MAX_NOTE_LENGTH ? [{ text: note, creator: h.creator, item: h.item }] : [];
        if (overflow.length) note = null;
        const comments = [...overflow, ...h.comments].flatMap((c) => {
          // brat's "Name: text": the member of that name is the author; the prefix is not kept in the text.
          const speaker = "speaker" in c && c.speaker ? speakerOf(c.speaker) : null;
          const commenter = speaker ? speaker.author : authorOf(c.creator);
          try {
            const parsedBody = parseCommentBody(commentDoc(speaker ? speaker.text : c.text, commenter.attribution));
            return [{ authorId: commenter.id, body: parsedBody.body as object, text: parsedBody.text }];
          } catch (err) {
            const message = err instanceof AppError ? err.message : "The comment cannot be read.";
            commentProblems.push({ item: c.item, ...("line" in c && c.line ? { line: c.line } : {}), message });
            return [];
          }
        });
        const outcome = a.outcome === "anchored" && h.moved ? "moved" : a.outcome;
        planned.push({ ...a, outcome, entity, duplicate, authorId: author.id, note, review, comments });
      }
      if (commentProblems.length) throw fileProblems(commentProblems);

      // Counts are disjoint: a highlight already on the article counts only as a duplicate.
      const fresh = planned.filter((p) => !p.duplicate);
      const unanchorable = fresh.filter((p) => p.outcome === "unanchorable");
      const orphanDecisions = choice.keepOrphans
        ? []
        : unanchorable.map((p) => ({
            ...at(p.highlight),
            message: `“${clip(p.exact, 60)}” was not found in the article's text: keep it as an orphan, or fix the file.`,
          }));
      // What the user must settle before the import can be committed.
      const decisions: ImportProblem[] = [...sourceDecisions, ...orphanDecisions, ...types.problems];

      const toWrite = planned.filter((p) => !p.duplicate && (p.outcome !== "unanchorable" || choice.keepOrphans));
      // Relations between highlights this import writes.
      const written = new Set(toWrite.flatMap((p) => (p.highlight.sourceId ? [p.highlight.sourceId] : [])));
      const plannedRelations: PlannedRelation[] = (parsed.relations ?? [])
        .filter((r) => written.has(r.sourceId) && written.has(r.targetId))
        .map((relation) => {
          const authorId = authorOf(relation.creator).id;
          const reviewerId =
            mayReview && relation.status && relation.status !== "PROPOSED"
              ? reviewerOf(relation.review?.reviewer)
              : null;
          const keep = reviewerId && (reviewerId !== authorId || selfReviewAllowed);
          const reviewed = relation.review?.reviewed ? new Date(relation.review.reviewed) : null;
          const reason = relation.review?.rejectionReason ? cleanText(relation.review.rejectionReason).trim() : "";
          return {
            relation,
            authorId,
            review: keep
              ? {
                  status: relation.status as "ACCEPTED" | "REJECTED",
                  reviewedById: reviewerId,
                  reviewedAt: reviewed && !Number.isNaN(reviewed.getTime()) ? reviewed : new Date(),
                  rejectionReason:
                    relation.status === "REJECTED"
                      ? reason.slice(0, MAX_REJECTION_REASON) || IMPORTED_WITHOUT_REASON
                      : null,
                }
              : null,
          };
        });
      const report: ImportReport = {
        committed: false,
        format: parsed.format,
        filename: file.filename,
        total: planned.length,
        anchored: fresh.filter((p) => p.outcome === "anchored").length,
        moved: fresh.filter((p) => p.outcome === "moved").length,
        unanchorable: unanchorable.length,
        duplicates: planned.filter((p) => p.duplicate).length,
        orphansKept: choice.keepOrphans ? toWrite.filter((p) => p.outcome === "unanchorable").length : 0,
        comments: toWrite.reduce((n, p) => n + p.comments.length, 0),
        relations: plannedRelations.length,
        entities: {
          matched: new Set(toWrite.flatMap((p) => (p.entity?.kind === "existing" ? [p.entity.id] : []))).size,
          created: new Set(toWrite.flatMap((p) => (p.entity?.kind === "new" ? [p.entity.key] : []))).size,
        },
        entityTypes: types.mappings,
        typesCreated: types.mappings.filter((m) => m.typeId === NEW_ENTITY_TYPE && m.count > 0).map((m) => m.name),
        statusesIgnored,
        reviewsNotKept: reviewsNotKept.slice(0, MAX_REPORTED_PROBLEMS),
        reviewsNotKeptCount: reviewsNotKept.length,
        sources,
        source,
        items: planned.slice(0, MAX_REPORTED_ITEMS).map(itemReport),
        skipped: parsed.skipped.slice(0, MAX_REPORTED_PROBLEMS),
        skippedCount: parsed.skipped.length,
        problems: decisions.slice(0, MAX_REPORTED_PROBLEMS),
        problemCount: decisions.length,
      };
      if (choice.preview) return report;
      if (decisions.length) {
        throw new AppError("UNPROCESSABLE", summary(decisions), { details: { ...problemDetails(decisions), report } });
      }
      const relations = await write(tx, {
        workspaceId,
        articleId,
        revisionId,
        actor,
        toWrite,
        types: types.mappings,
        report,
        onProgress,
        relations: plannedRelations,
      });
      const skipped = [...parsed.skipped, ...relations.skipped];
      const committed = {
        ...report,
        relations: relations.created,
        skipped: skipped.slice(0, MAX_REPORTED_PROBLEMS),
        skippedCount: skipped.length,
        committed: true,
      };
      await storeIdempotentAnswer(tx, idempotency, 201, { data: committed });
      return committed;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * The file to import out of a zip: for brat (a zip with `.ann` files and no
 * JSON), the `.ann` whose `.txt` is this article's text; otherwise every
 * JSON, JSON-LD and JSON Lines file together (a workspace export's pages).
 */
function fileFromZip(
  entries: ZipTextEntry[],
  zipName: string | null,
  text: string,
  format: ImportOptions["format"],
): ImportFile {
  const named = (entry: string) => `${zipName ?? "zip"} › ${entry}`;
  const json = entries.filter((e) => /\.(jsonld|json|jsonl)$/i.test(e.name));
  const anns = entries.filter((e) => /\.ann$/i.test(e.name));
  if (format === "brat" || (format !== "w3c" && anns.length && !json.length)) {
    const txtOf = (ann: ZipTextEntry) => entries.find((e) => e.name === ann.name.replace(/\.ann$/i, ".txt"));
    const match = anns.find((ann) => {
      const txt = txtOf(ann);
      return txt && !bratTextMismatch(text, txt.text);
    });
    if (match) return { format: "brat", content: match.text, txt: txtOf(match)!.text, filename: named(match.name) };
    if (anns.length === 1 && !txtOf(anns[0])) {
      return { format: "brat", content: anns[0].text, txt: null, filename: named(anns[0].name) };
    }
    throw fileProblems([
      {
        message: anns.length
          ? `None of the ${anns.length} .ann files in the zip has a .txt equal to this article's text.`
          : "The zip holds no .ann file.",
      },
    ]);
  }
  if (!json.length) throw fileProblems([{ message: "The zip holds no .jsonld, .json or .jsonl file." }]);
  const values: unknown[] = [];
  for (const entry of json) {
    const read = readJson(entry.text);
    if (!read.ok) throw fileProblems([{ ...read.problem, message: `${entry.name}: ${read.problem.message}` }]);
    values.push(...read.values.map((v) => v.value));
  }
  return {
    format: "w3c",
    content: JSON.stringify(values.length === 1 ? values[0] : values),
    txt: null,
    filename: json.length === 1 ? named(json[0].name) : zipName,
  };
}

function itemReport(p: PlannedHighlight): ImportItemReport {
  return {
    item: p.highlight.item,
    ...(p.highlight.line ? { line: p.highlight.line } : {}),
    outcome: p.duplicate ? "duplicate" : p.outcome,
    exact: clip(p.exact),
    start: p.start,
    end: p.end,
    entity: p.entity?.name ?? null,
    type: p.entity?.kind === "new" ? p.entity.typeName || null : null,
    comments: p.comments.length,
  };
}

function problemDetails(problems: ImportProblem[]) {
  return { problems: problems.slice(0, MAX_REPORTED_PROBLEMS), problemCount: problems.length };
}

function where(p: ImportProblem): string {
  const parts = [p.item !== undefined ? `item ${p.item + 1}` : null, p.line ? `line ${p.line}` : null].filter(Boolean);
  return parts.length ? `${parts.join(", ")}: ` : "";
}

function summary(problems: ImportProblem[]): string {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return `Nothing was imported. ${where(first)}${first.message}${more}`;
}

/** The 422 of a file that cannot be imported as it is, listing its first problems. */
function fileProblems(problems: ImportProblem[]): AppError {
  return new AppError("UNPROCESSABLE", summary(problems), { details: problemDetails(problems) });
}

/**
 * Maps a file's creators to members of the workspace (for importers who may
 * manage anyone's annotations; others' names are never put on work by
 * someone else), else to the importer, with an attribution for comments.
 */
async function creatorMapper(tx: Tx, workspaceId: string, actorId: string, mayAttributeOthers: boolean) {
  const members = await tx.membership.findMany({
    where: { workspaceId },
    select: { role: true, user: { select: { id: true, email: true, name: true } } },
  });
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const roles = new Map(members.map((m) => [m.user.id, m.role]));
  const byId = new Map(members.map((m) => [m.user.id, m.user.id]));
  const byEmail = new Map(members.map((m) => [m.user.email.toLowerCase(), m.user.id]));
  /** The member a creator of the file is (by user URL, id or email), if any. */
  const memberOf = (creator: ImportedCreator): string | undefined => {
    const fromUrl = creator.id ? MARGINALIA_USER_URL.exec(creator.id)?.[1] : undefined;
    const email = creator.email ?? (creator.id?.startsWith("mailto:") ? creator.id.slice(7) : undefined);
    return (
      (fromUrl && byId.get(decodeURIComponent(fromUrl))) ||
      (creator.id && byId.get(creator.id)) ||
      (email && byEmail.get(email.toLowerCase())) ||
      undefined
    );
  };
  const authorOf = (creator: ImportedCreator | undefined): { id: string; attribution: string | null } => {
    if (!creator) return { id: actorId, attribution: null };
    const id = memberOf(creator);
    // Only those who may manage anyone's annotations may put others' names on them (no forged authorship).
    if (id && (id === actorId || mayAttributeOthers)) return { id, attribution: null };
    const name = (id && names.get(id)) ?? creator.name ?? creator.email ?? creator.id?.replace(/^acct:/, "");
    return { id: actorId, attribution: name ? clip(name, 100) : null };
  };
  /** The file's reviewer as a member whose role may review now, if they are one. */
  const reviewerOf = (reviewer: string | undefined): string | undefined => {
    const id = reviewer ? memberOf({ id: reviewer }) : undefined;
    const role = id ? roles.get(id) : undefined;
    return id && role && can(role, "annotation.review") ? id : undefined;
  };
  const byName = new Map<string, string | null>();
  for (const m of members) byName.set(m.user.name, byName.has(m.user.name) ? null : m.user.id);
  /**
   * A brat note "Name: text": the comment of the member named Name (when exactly one is), as
   * authorOf attributes it; of someone who is not a member, the importer's, attributed to Name.
   */
  const speakerOf = (speaker: { name: string; text: string }) => {
    const id = byName.get(speaker.name);
    return { author: id ? authorOf({ id }) : authorOf({ name: speaker.name }), text: speaker.text };
  };
  return { authorOf, reviewerOf, speakerOf };
}

/**
 * Finds each highlight's entity: a Marginalia entity URL of this workspace,
 * an external id (Wikidata ids and URLs in either spelling), then the name
 * within the type (any type when the file gives none); otherwise a new
 * entity, one per distinct reference or type and name.
 */
async function matchEntities(
  tx: Tx,
  workspaceId: string,
  anchored: AnchoredHighlight[],
  typeMap: Record<string, string>,
) {
  const wanted = anchored.map(({ highlight: h, exact }) => {
    if (!h.entity) return null;
    // Marginalia's own references (entity page URLs, brat's `Marginalia:<id>`) match only this workspace's
    // entities (ids are unique, queries are scoped); they are never stored as external ids.
    let ownId: string | null = null;
    let externalId: string | null = null;
    for (const raw of h.entity.refs) {
      const ref = raw.trim();
      const own = MARGINALIA_ENTITY_URL.exec(ref)?.[2] ?? /^marginalia:(.+)$/i.exec(ref)?.[1];
      if (own) ownId ??= decodeURIComponent(own);
      else externalId ??= normalizeExternalId(ref);
    }
    const name = cleanText(h.entity.name?.trim() || exact.trim()).slice(0, 200) || "Unnamed";
    return { ownId, externalId, name, typeName: cleanText(h.entity.type?.trim() ?? "").slice(0, 200) };
  });
  const ownIds = [...new Set(wanted.flatMap((w) => (w?.ownId ? [w.ownId] : [])))];
  const externalIds = [...new Set(wanted.flatMap((w) => (w?.externalId ? [w.externalId] : [])))];
  const names = [...new Set(wanted.flatMap((w) => (w ? [w.name.toLowerCase()] : [])))];
  const rows = await tx.$queryRaw<
    {
      id: string;
      name: string;
      externalId: string | null;
      mergedIntoId: string | null;
      typeId: string;
      typeName: string;
    }[]
  >`
    SELECT e."id", e."name", e."externalId", e."mergedIntoId", e."typeId", t."name" AS "typeName"
    FROM "Entity" e JOIN "EntityType" t ON t."id" = e."typeId"
    WHERE e."workspaceId" = ${workspaceId} AND e."deletedAt" IS NULL
      AND (e."id" = ANY(${ownIds}::text[]) OR e."externalId" = ANY(${externalIds}::text[])
        OR (e."mergedIntoId" IS NULL AND lower(e."name") = ANY(${names}::text[])))`;
  const mergedTargets = rows.filter((r) => r.mergedIntoId).map((r) => r.mergedIntoId!);
  const targets = mergedTargets.length
    ? await tx.entity.findMany({
        where: { workspaceId, id: { in: mergedTargets }, deletedAt: null },
        select: { id: true, name: true },
      })
    : [];
  const live = (r: { id: string; name: string; mergedIntoId: string | null }) => {
    if (!r.mergedIntoId) return { id: r.id, name: r.name };
    return targets.find((t) => t.id === r.mergedIntoId) ?? null;
  };
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Unmerged entities first: a merged one stands for the entity it was merged into.
  const byExternal = new Map<string, (typeof rows)[number]>();
  for (const r of [...rows].sort((a, b) => Number(!!a.mergedIntoId) - Number(!!b.mergedIntoId))) {
    if (r.externalId && !byExternal.has(r.externalId)) byExternal.set(r.externalId, r);
  }

  // Unmerged entities by name, in the query's order: a file of thousands of names looks each up once.
  const byName = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    if (r.mergedIntoId) continue;
    const name = r.name.toLowerCase();
    const same = byName.get(name);
    if (same) same.push(r);
    else byName.set(name, [r]);
  }

  const newTypeCounts = new Map<string, number>();
  const choices = wanted.map((w): EntityChoice | null => {
    if (!w) return null;
    const found =
      (w.ownId && byId.get(w.ownId)) ||
      (w.externalId && byExternal.get(w.externalId)) ||
      (!w.externalId &&
        byName
          .get(w.name.toLowerCase())
          ?.find(
            (r) =>
              !w.typeName || r.typeName.toLowerCase() === w.typeName.toLowerCase() || r.typeId === typeMap[w.typeName],
          ));
    const entity = found ? live(found) : null;
    if (entity) return { kind: "existing", id: entity.id, name: entity.name };
    newTypeCounts.set(w.typeName, (newTypeCounts.get(w.typeName) ?? 0) + 1);
    const key = w.externalId ? `x:${w.externalId}` : `n:${w.typeName.toLowerCase()}\0${w.name.toLowerCase()}`;
    return { kind: "new", key, name: w.name, typeName: w.typeName, externalId: w.externalId };
  });
  return { choices, newTypeCounts };
}

/** Maps each type name of new entities to a live type of the workspace, a new type, or nothing yet (a problem). */
async function mapEntityTypes(
  tx: Tx,
  workspaceId: string,
  actor: Actor,
  counts: Map<string, number>,
  typeMap: Record<string, string>,
) {
  const all = await tx.entityType.findMany({
    where: { workspaceId },
    select: { id: true, name: true, archivedAt: true },
  });
  const types = all.filter((t) => !t.archivedAt);
  const named = (name: string) => all.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const mayCreate = can(actor.role, "entityType.manage");
  const problems: ImportProblem[] = [];
  const mappings: ImportTypeMapping[] = [...counts].map(([name, count]) => {
    const chosen = typeMap[name];
    const same = name ? named(name) : undefined;
    let typeId: string | null = null;
    // A type of that name (any case) is used rather than created twice; an archived one needs a choice.
    if (chosen === NEW_ENTITY_TYPE && name && mayCreate) typeId = same ? (same.archivedAt ? null : same.id) : chosen;
    else if (chosen && types.some((t) => t.id === chosen)) typeId = chosen;
    else if (!chosen) typeId = same ? (same.archivedAt ? null : same.id) : name && mayCreate ? NEW_ENTITY_TYPE : null;
    if (!typeId) {
      const what = `${count} new ${count === 1 ? "entity" : "entities"} ${name ? `of type “${name}”` : "without a type"}`;
      problems.push({
        message: same?.archivedAt
          ? `The type “${same.name}” is archived: choose another type for the ${what} in the file.`
          : chosen
            ? `Choose one of this workspace's entity types for the ${what} in the file.`
            : `Choose an entity type for the ${what} in the file${name && !mayCreate ? " (only owners and reviewers can create types)" : ""}.`,
      });
    }
    return { name, count, typeId };
  });
  return { mappings, problems };
}

/** Keys of the article's live annotations: place and entity, or an orphan's quote and context. */
async function existingKeys(tx: Tx, articleId: string, authorId: string | null): Promise<Set<string>> {
  const rows = await tx.annotation.findMany({
    where: { articleId, deletedAt: null, ...(authorId ? { authorId } : {}) },
    select: { start: true, end: true, entityId: true, exact: true, prefix: true, suffix: true, anchorState: true },
  });
  return new Set(
    rows.map((r) =>
      r.anchorState === "ORPHANED"
        ? `o:${r.exact}\0${r.prefix}\0${r.suffix}`
        : `${r.start}:${r.end}:${r.entityId ?? ""}`,
    ),
  );
}

async function write(
  tx: Tx,
  options: {
    workspaceId: string;
    articleId: string;
    revisionId: string;
    actor: Actor;
    toWrite: PlannedHighlight[];
    types: ImportTypeMapping[];
    report: ImportReport;
    onProgress: (progress: ImportProgress) => void;
    relations: readonly PlannedRelation[];
  },
): Promise<{ created: number; skipped: ImportProblem[] }> {
  const { workspaceId, articleId, revisionId, actor, toWrite, types, report, onProgress } = options;
  const now = Date.now();

  // Types the file names that the workspace lacks.
  const typeIds = new Map(types.map((m) => [m.name, m.typeId]));
  const newTypes = types.filter((m) => m.typeId === NEW_ENTITY_TYPE && m.count > 0);
  if (newTypes.length) {
    const last = await tx.entityType.aggregate({ where: { workspaceId }, _max: { position: true } });
    const rows = newTypes.map((m, i) => ({
      id: newId(),
      workspaceId,
      name: m.name,
      color: NEW_TYPE_COLORS[i % NEW_TYPE_COLORS.length],
      position: (last._max.position ?? -1) + 1 + i,
    }));
    await tx.entityType.createMany({ data: rows });
    for (const row of rows) typeIds.set(row.name, row.id);
    await recordActivities(
      tx,
      rows.map((row) => ({
        action: "entity_type.created" as const,
        actorId: actor.id,
        workspaceId,
        target: { type: "entity_type", id: row.id },
        data: { name: row.name },
      })),
    );
  }

  // New entities, one per key.
  const entityIds = new Map<string, string>();
  const entityRows = [];
  for (const p of toWrite) {
    if (p.entity?.kind !== "new" || entityIds.has(p.entity.key)) continue;
    const id = newId();
    entityIds.set(p.entity.key, id);
    entityRows.push({
      id,
      workspaceId,
      typeId: typeIds.get(p.entity.typeName)!,
      name: p.entity.name,
      aliases: [],
      externalId: p.entity.externalId,
    });
  }
  if (entityRows.length) {
    await tx.entity.createMany({ data: entityRows });
    await recordActivities(
      tx,
      entityRows.map((row) => ({
        action: "entity.created" as const,
        actorId: actor.id,
        workspaceId,
        target: { type: "entity", id: row.id },
        data: { name: row.name },
      })),
    );
  }

  const annotationRow = (p: PlannedHighlight, i: number) => ({
    id: newId(),
    workspaceId,
    articleId,
    revisionId,
    authorId: p.authorId,
    start: p.start,
    end: p.end,
    exact: cleanText(p.exact),
    prefix: cleanText(p.prefix),
    suffix: cleanText(p.suffix),
    entityId: p.entity ? (p.entity.kind === "existing" ? p.entity.id : entityIds.get(p.entity.key)!) : null,
    note: p.note,
    status: p.review?.status ?? ("PROPOSED" as const),
    reviewedById: p.review?.reviewedById ?? null,
    reviewedAt: p.review?.reviewedAt ?? null,
    rejectionReason: p.review?.rejectionReason ?? null,
    anchorState:
      p.outcome === "unanchorable"
        ? ("ORPHANED" as const)
        : p.outcome === "moved"
          ? ("MOVED" as const)
          : ("ANCHORED" as const),
    // Distinct times keep the file's order wherever annotations sort by creation.
    createdAt: new Date(now + i),
    updatedAt: new Date(now + i),
  });
  // The rows of a big import are built in slices too: 12,000 of them held the loop for 40 ms at once.
  const slices = timeSlices();
  const annotations: ReturnType<typeof annotationRow>[] = [];
  const comments = [];
  for (const [i, p] of toWrite.entries()) {
    if (slices.due()) await slices.pass();
    const annotation = annotationRow(p, i);
    annotations.push(annotation);
    for (const [j, c] of p.comments.entries()) {
      comments.push({
        id: newId(),
        workspaceId,
        articleId,
        annotationId: annotation.id,
        authorId: c.authorId,
        body: c.body,
        text: c.text,
        createdAt: new Date(now + i + j),
        updatedAt: new Date(now + i + j),
      });
    }
  }
  // One `INSERT … SELECT FROM unnest(arrays)` per slice, with a turn of the event loop between them:
  // Prisma's createMany compiles each statement on this thread (its wasm query compiler), which
  // held the loop for most of an import; a raw statement of one array per column is not compiled.
  const saving = annotations.length + comments.length;
  for (let i = 0; i < annotations.length; i += WRITE_SLICE) {
    onProgress({ phase: "saving", done: i, total: saving });
    await insertRows(tx, "Annotation", ANNOTATION_COLUMNS, annotations.slice(i, i + WRITE_SLICE));
    await slices.pass();
  }

  for (let i = 0; i < comments.length; i += WRITE_SLICE) {
    onProgress({ phase: "saving", done: annotations.length + i, total: saving });
    await insertRows(tx, "Comment", COMMENT_COLUMNS, comments.slice(i, i + WRITE_SLICE));
    await slices.pass();
  }

  const annotationIds = new Map<string, string>();
  toWrite.forEach((p, i) => {
    if (p.highlight.sourceId) annotationIds.set(p.highlight.sourceId, annotations[i].id);
  });
  const relations = await writeImportedRelations(tx, {
    workspaceId,
    articleId,
    actorId: actor.id,
    planned: options.relations,
    annotationIds,
  });

  await recordActivity({
    tx,
    action: "annotation.imported",
    actorId: actor.id,
    workspaceId,
    target: { type: "article", id: articleId },
    data: {
      articleId,
      format: report.format,
      filename: report.filename ? activityExcerpt(report.filename) : null,
      annotations: annotations.length,
      orphaned: report.orphansKept,
      comments: comments.length,
      relations: relations.created,
      entitiesCreated: entityRows.length,
    },
  });
  // Readers fetch changed annotations by id, at most 500 at a time.
  const events = [];
  for (let i = 0; i < annotations.length; i += 500) {
    events.push(annotationChanged(workspaceId, annotations.slice(i, i + 500)));
  }
  await publishLive(tx, [...events, ...relations.live]);
  return { created: relations.created, skipped: relations.skipped };
}
