import { z } from "zod";
import { text } from "@/lib/validations/storable";
import { MAX_QUOTE_LENGTH } from "@/lib/validations/annotation";

/** Largest page HTML the extension may send, as the fetch limit. */
export const MAX_CAPTURED_HTML_BYTES = 5 * 1024 * 1024;

/** Text the analyst had selected on the page, with some of what surrounds it. */
export const captureSelectionSchema = z.object({
  exact: text().min(1, "The selection is empty.").max(MAX_QUOTE_LENGTH, "The selection is too long."),
  prefix: text().max(1000).optional(),
  suffix: text().max(1000).optional(),
});
export type CaptureSelection = z.infer<typeof captureSelectionSchema>;

/**
 * A capture: the page's `url`, fetched by the server unless `html` (the page
 * as the analyst sees it, sent by the browser extension) is given. `mode`
 * says what to do when the workspace already has an article of the same
 * canonical URL: `ask` answers 409 naming it, `new` captures another article,
 * `revision` saves the page as a new revision of `articleId`.
 */
export const clipArticleSchema = z.object({
  url: text()
    .trim()
    .min(1, "Enter the page's address.")
    .max(2000, "The URL is too long.")
    .refine((v) => /^https?:\/\//i.test(v), "Only http:// and https:// addresses can be captured."),
  html: text().max(MAX_CAPTURED_HTML_BYTES, "The page is larger than 5 MB.").optional(),
  title: text().trim().max(300).optional(),
  selection: captureSelectionSchema.optional(),
  mode: z.enum(["ask", "new", "revision"]).default("ask"),
  articleId: text().min(1).max(64).optional(),
});
export type ClipArticleInput = z.infer<typeof clipArticleSchema>;

/** A captured article as the clip route answers. */
export const clippedArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  canonicalUrl: z.string(),
  /** The highlight created on the selection, or null when there was none or it was not found. */
  highlightId: z.string().nullable(),
  /** Present when the capture was saved as a new revision. */
  revision: z.object({ number: z.number(), anchored: z.number(), moved: z.number(), orphaned: z.number() }).optional(),
});
export type ClippedArticle = z.infer<typeof clippedArticleSchema>;

/** What "Check for updates" found: the page's text against the current revision's. */
export const captureUpdateSchema = z.object({
  changed: z.boolean(),
  currentRevisionId: z.string(),
  url: z.string(),
  /** Each stretch that differs: the old text removed and the new text put in its place. */
  changes: z.array(z.object({ at: z.number(), removed: z.string(), added: z.string() })),
});
export type CaptureUpdate = z.infer<typeof captureUpdateSchema>;
