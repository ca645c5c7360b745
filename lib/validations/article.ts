import { z } from "zod";
import { storableDate, text } from "@/lib/validations/storable";
import { documentSchema } from "@/lib/validations/content";

const optionalText = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Metadata an analyst gives when importing an article (all but the body). */
export const articleMetadataSchema = z.object({
  title: optionalText(300, "Title"),
  source: optionalText(200, "Source"),
  /** Comma-separated in forms; an array in JSON. */
  authors: z
    .union([text(), z.array(text())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(text().max(200, "An author name can be at most 200 characters.")).max(50, "At most 50 authors.")),
  publishedAt: text()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      text()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2021-09-24.")
        .refine((v) => {
          const date = new Date(`${v}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
        }, "That date does not exist.")
        .refine(...storableDate)
        .optional(),
    ),
  originalUrl: text()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      text()
        .max(2000, "The URL is too long.")
        .url("Enter a full URL starting with http:// or https://.")
        .refine((v) => /^https?:\/\//i.test(v), "Only http:// and https:// links are allowed.")
        .optional(),
    ),
  language: text()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      text()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language code such as en or pt-BR.")
        .optional(),
    ),
});
export type ArticleMetadata = z.infer<typeof articleMetadataSchema>;

/** Pasted text (JSON or form field) with its format. */
export const pastedArticleSchema = articleMetadataSchema.extend({
  text: text().min(1, "Paste the article's text."),
  format: z.enum(["text", "markdown", "html"]).default("text"),
});

export const articleSortSchema = z.enum(["newest", "oldest", "title", "published"]).default("newest");

export const articleListQuerySchema = z.object({
  q: text().trim().max(200).optional(),
  sort: articleSortSchema,
  cursor: text().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

const offset = z.number().int().min(0).max(100_000_000);
/** Equal runs an edit may list (one per untouched stretch between changes). */
const MAX_EDIT_RUNS = 200_000;

/** A new revision of an article's text, made against `baseRevisionId` (stale → 409). */
export const reviseArticleSchema = z.object({
  baseRevisionId: text().min(1).max(64),
  content: documentSchema,
  edit: z
    .object({
      /**
       * The editor's record of the edit as equal runs of canonical text,
       * `[oldStart, newStart, length]`: it tells which copy of a repeated
       * passage was removed. Used only if every run is equal text; else the
       * texts are compared.
       */
      runs: z.array(z.tuple([offset, offset, offset])).max(MAX_EDIT_RUNS),
    })
    .optional(),
});
