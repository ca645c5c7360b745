import { z } from "zod";
import { text } from "@/lib/validations/storable";

/** Tiptap JSON as the editor sends it; lib/content/sanitize-content checks it against the article schema. */
export type ContentNode = {
  type: string;
  attrs?: Record<string, string | number | boolean | null>;
  content?: ContentNode[];
  marks?: { type: string; attrs?: Record<string, string | number | boolean | null> }[];
  text?: string;
};

const attrs = z.record(text().max(64), z.union([text().max(4000), z.number(), z.boolean(), z.null()])).optional();

export const contentNodeSchema: z.ZodType<ContentNode> = z.lazy(() =>
  z.object({
    type: text().min(1).max(64),
    attrs,
    content: z.array(contentNodeSchema).max(100_000).optional(),
    marks: z
      .array(z.object({ type: text().min(1).max(64), attrs }))
      .max(20)
      .optional(),
    /** Cleaned, not refused: sanitize-content drops U+0000 and mends lone surrogates (cleanText). */
    text: z.string().optional(),
  }),
);

/** A Tiptap document: the root node must be `doc`. */
export const documentSchema = contentNodeSchema.refine(
  (node) => node.type === "doc",
  "The content must be a document.",
);
