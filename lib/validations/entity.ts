import { z } from "zod";
import { text } from "@/lib/validations/storable";

const id = text().min(1).max(64);
const name = text().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");

export const colorSchema = text().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #2f55d4.");
export const shortcutSchema = text()
  .regex(/^[a-z0-9]$/, "Use one lowercase letter or digit.")
  .nullish();

export const createEntityTypeSchema = z.object({ name, color: colorSchema, shortcut: shortcutSchema });
/** The version the client last saw: an edit made on an older one answers 409. */
export const versionSchema = z.number().int().min(1);

/** A change to an entity type; `version` is the one the client last saw (stale → 409). */
export const updateEntityTypeSchema = z.object({
  version: versionSchema,
  name: name.optional(),
  color: colorSchema.optional(),
  shortcut: shortcutSchema,
  archived: z.boolean().optional(),
});
export type UpdateEntityTypeInput = z.infer<typeof updateEntityTypeSchema>;

const externalId = text()
  .trim()
  .max(2000)
  .refine((v) => /^Q\d+$/.test(v) || /^https?:\/\/\S+$/i.test(v), "Use a Wikidata id such as Q42 or an http(s) URL.");

const aliases = z
  .array(text().trim().min(1).max(200))
  .max(100, "At most 100 aliases.")
  .transform((list) => [...new Set(list)]);

export const createEntitySchema = z.object({
  name,
  typeId: id,
  aliases: aliases.default([]),
  description: text().trim().max(5000).nullish(),
  externalId: externalId.nullish(),
});
export type CreateEntityInput = z.infer<typeof createEntitySchema>;

/**
 * A change to an entity; `version` is the one the client last saw (stale → 409). Not
 * `createEntitySchema.partial()`: zod applies `aliases`' default to an absent field even then, and a
 * rename would clear the aliases.
 */
export const updateEntitySchema = z.object({
  version: versionSchema,
  name: name.optional(),
  typeId: id.optional(),
  aliases: aliases.optional(),
  description: createEntitySchema.shape.description,
  externalId: createEntitySchema.shape.externalId,
});
export type UpdateEntityInput = z.infer<typeof updateEntitySchema>;

export const mergeEntitySchema = z.object({ intoId: id });

export const entityTypeListQuerySchema = z.object({
  /** `true` to include archived types. */
  archived: z.enum(["true", "false"]).optional(),
});

export const entitySearchSchema = z.object({
  q: text().trim().max(200).optional(),
  typeId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
