import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { articleExtensions } from "@/components/editor/extensions";

let schema: Schema | undefined;

/** The ProseMirror schema of article content, built once from `articleExtensions`. */
export function articleSchema(): Schema {
  schema ??= getSchema(articleExtensions);
  return schema;
}
