import { createOffsetConverter, type OffsetConverter } from "@/lib/anchoring/unicode";
import { createExportLinks } from "./links";
import type { ExportAnnotation, ExportArticle } from "./types";
import { encodeW3CItems, type EncodedW3CItems } from "./w3c";

/** One batch of a W3C export, as it travels to a worker thread (links are rebuilt there from their base). */
export type W3CItemsTask = {
  baseUrl: string;
  workspaceId: string;
  /** Without its relations (the formatter does not read them). */
  article: ExportArticle;
  annotations: readonly ExportAnnotation[];
};

let last: { key: string; converter: OffsetConverter } | null = null;

/**
 * {@link encodeW3CItems} for a batch sent to a worker thread
 * (lib/workers/compute-worker.mjs). The offset converter of the last article
 * is kept: an article's annotations come in several batches, one after the other.
 */
export function formatW3CItems(task: W3CItemsTask): EncodedW3CItems {
  const { article } = task;
  const key = `${article.id}\0${article.revisionId}`;
  if (last?.key !== key) last = { key, converter: createOffsetConverter(article.text) };
  return encodeW3CItems(article, task.annotations, createExportLinks(task.baseUrl, task.workspaceId), last.converter);
}
