import { pageAt, type PageStart } from "@/lib/capture/pages";
/**
 * The rows every export format reads. The server (lib/server/exports) loads
 * them a page at a time; the formats here are pure functions and async
 * generators over them, with no database or framework import.
 *
 * Offsets `start`/`end` are as stored: UTF-16 code units into the revision's
 * canonical text, end exclusive (ANCHORING.md). Each format converts them to
 * the unit it documents (lib/export/README.md).
 */

export type ExportStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";
export type ExportAnchorState = "ANCHORED" | "MOVED" | "ORPHANED";

export type ExportUser = { id: string; name: string };

export type ExportEntityType = { id: string; name: string; color: string };

export type ExportEntity = {
  id: string;
  name: string;
  /** A Wikidata id (Q42) or an http(s) URL identifying the entity elsewhere. */
  externalId: string | null;
  type: ExportEntityType;
};

/** A visible message of an annotation's thread (deleted and hidden comments are never exported). */
export type ExportComment = {
  id: string;
  author: ExportUser;
  text: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportAnnotation = {
  id: string;
  articleId: string;
  revisionId: string;
  /** UTF-16 code units into the revision's canonical text, end exclusive. */
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string | null;
  status: ExportStatus;
  anchorState: ExportAnchorState;
  author: ExportUser;
  entity: ExportEntity | null;
  reviewedAt: Date | null;
  reviewedBy: ExportUser | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first. */
  comments: ExportComment[];
};

/** A relation type as exports describe it: constraints by entity type name (empty: any). */
export type ExportRelationType = {
  id: string;
  name: string;
  inverseLabel: string | null;
  directed: boolean;
  sourceTypes: string[];
  targetTypes: string[];
};

/**
 * A live relation between two annotations of the article. Formats write it
 * only when both ends are in the export (filters may leave one out).
 */
export type ExportRelation = {
  id: string;
  sourceId: string;
  targetId: string;
  type: ExportRelationType;
  note: string | null;
  status: ExportStatus;
  author: ExportUser;
  reviewedAt: Date | null;
  reviewedBy: ExportUser | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportArticle = {
  id: string;
  workspaceId: string;
  title: string;
  source: string | null;
  originalUrl: string | null;
  language: string | null;
  revisionId: string;
  revisionNumber: number;
  /** The revision's canonical text (ANCHORING.md). */
  text: string;
  /** For text imported from a PDF: where each page begins in `text`. */
  pages?: readonly PageStart[] | null;
  /** The article's live relations the exporting member may see, oldest first. */
  relations?: ExportRelation[];
};

/** Of an article's relations, those whose two ends are among `exported` annotation ids. */
export function exportedRelations(article: ExportArticle, exported: ReadonlySet<string>): ExportRelation[] {
  return (article.relations ?? []).filter((r) => exported.has(r.sourceId) && exported.has(r.targetId));
}

/**
 * A page of annotations of one article, in reading order. Consecutive batches
 * may belong to the same article (large articles come in several pages); an
 * article's batches are never interleaved with another's.
 */
export type ExportBatch = { article: ExportArticle; annotations: ExportAnnotation[] };

export type ExportSource = AsyncIterable<ExportBatch>;

/** A file of an export: its name inside a zip, and its content produced lazily. */
export type ExportFile = { name: string; content: AsyncIterable<string | Uint8Array> };

/** The PDF page an annotation starts on, when its article came from a PDF and it is anchored; else null. */
export function annotationPage(article: ExportArticle, annotation: ExportAnnotation): number | null {
  return isAnchored(article, annotation) ? pageAt(article.pages, annotation.start) : null;
}

/** Whether an annotation's stored offsets slice its text to its quote (orphans keep a stale range). */
export function isAnchored(article: ExportArticle, annotation: ExportAnnotation): boolean {
  return (
    annotation.anchorState !== "ORPHANED" &&
    annotation.revisionId === article.revisionId &&
    annotation.end <= article.text.length &&
    article.text.slice(annotation.start, annotation.end) === annotation.exact
  );
}

/** Something labelled: an annotation (by its entity's type) or a span already reduced to its label. */
export type Labelled = { label: string } | { entity: { type: { name: string } } | null };

/** The label of an annotation in span formats: its entity type's name, or "Highlight" for an untyped highlight. */
export function spanLabel(annotation: Labelled): string {
  return "label" in annotation ? annotation.label : (annotation.entity?.type.name ?? "Highlight");
}

/**
 * Options of the span formats (doccano, spaCy, CoNLL). `untaggedLabel`:
 * include highlights without an entity under this label; without it they
 * are left out (they are not entities).
 */
export type SpanOptions = { untaggedLabel?: string | null };

/** What the span formats (doccano, spaCy, CoNLL) read of an anchored annotation. */
export type SpanAnnotation = Pick<ExportAnnotation, "id" | "start" | "end" | "status"> & { label: string };

/**
 * Yields one article at a time with its anchored annotations reduced to
 * {@link SpanAnnotation}s as each page arrives, so the full rows die young:
 * an article's 5,000 rows gathered whole were promoted to V8's old
 * generation and held there until a full collection (bench/README.md).
 */
export async function* articleSpans(
  source: ExportSource,
  options: SpanOptions = {},
): AsyncGenerator<{ article: ExportArticle; spans: SpanAnnotation[] }> {
  for await (const { article, pages } of articlePages(source)) {
    const spans: SpanAnnotation[] = [];
    for await (const page of pages) {
      for (const a of page) {
        // An untagged highlight is not an entity: left out unless the user names a label for it.
        const label = a.entity ? a.entity.type.name : options.untaggedLabel?.trim();
        if (label && isAnchored(article, a))
          spans.push({ id: a.id, start: a.start, end: a.end, status: a.status, label });
      }
    }
    yield { article, spans };
  }
}

/**
 * Yields one article at a time with all its annotations, joining consecutive
 * batches of the same article. For formats that need a whole article at once
 * (brat, CoNLL, spaCy, doccano, the HTML report); memory is bounded by the
 * largest article, not by the export.
 */
export async function* byArticle(source: ExportSource): AsyncGenerator<ExportBatch> {
  let current: ExportBatch | null = null;
  for await (const batch of source) {
    if (current && current.article.id === batch.article.id) {
      current.annotations.push(...batch.annotations);
      continue;
    }
    if (current) yield current;
    current = { article: batch.article, annotations: [...batch.annotations] };
  }
  if (current) yield current;
}

/**
 * Yields one article at a time with its annotations still to come, page by
 * page (consecutive batches of the same article), for formats that write an
 * article's annotations in order without needing them all at once: memory is
 * bounded by a page, not by the article. An article's `pages` must be read
 * (or abandoned) before the next article is asked for; what is left unread is
 * skipped.
 */
export async function* articlePages(
  source: ExportSource,
): AsyncGenerator<{ article: ExportArticle; pages: AsyncIterable<ExportAnnotation[]> }> {
  const iterator = source[Symbol.asyncIterator]();
  // The batch read but not handed out yet. A page handed out is referenced
  // only by its reader, so it can die young once written.
  let ahead: ExportBatch | null = null;
  let done = false;
  const read = async () => {
    const next = await iterator.next();
    done = Boolean(next.done);
    ahead = next.done ? null : next.value;
  };
  const of = (articleId: string): ExportBatch | null => (ahead?.article.id === articleId ? ahead : null);
  await read();
  try {
    while (ahead) {
      const article: ExportArticle = (ahead as ExportBatch).article;
      async function* pages(): AsyncGenerator<ExportAnnotation[]> {
        for (let batch = of(article.id); batch; batch = of(article.id)) {
          ahead = null;
          yield batch.annotations;
          await read();
        }
      }
      const unread = pages();
      yield { article, pages: unread };
      // Whatever the consumer did not read of this article is skipped.
      await unread.return(undefined);
      if (!ahead && !done) await read();
      while (of(article.id)) await read();
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}

/** An in-memory source, for tests and small exports. */
export async function* sourceOf(batches: ExportBatch[]): AsyncGenerator<ExportBatch> {
  for (const batch of batches) yield batch;
}

/** Concatenates a file's content (tests, small exports). */
export async function collectText(content: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = "";
  for await (const chunk of content) out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  return out;
}
