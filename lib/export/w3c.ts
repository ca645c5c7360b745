import { createOffsetConverter, type OffsetConverter } from "@/lib/anchoring/unicode";
import type { ExportLinks } from "./links";
import {
  annotationPage,
  exportedRelations,
  isAnchored,
  type ExportAnnotation,
  type ExportArticle,
  type ExportComment,
  type ExportRelation,
  type ExportSource,
} from "./types";

/**
 * W3C Web Annotation Data Model export (JSON-LD), see lib/export/README.md.
 *
 * - Each Marginalia annotation is one `Annotation` whose target is a
 *   `SpecificResource`: `source` = the revision's canonical text, `scope` =
 *   the article page, selectors `TextQuoteSelector` and
 *   `TextPositionSelector` (Unicode code points). Orphans carry the quote
 *   selector only (their stored range no longer slices their quote).
 * - Bodies: `identifying` (the entity's page, and its external IRI when it has
 *   one), `classifying` (the entity type's name), `tagging` (the entity's
 *   name), `commenting` (the annotation's note).
 * - Its thread: the first comment is a `commenting` annotation targeting the
 *   annotation; each later comment is a `replying` annotation targeting the
 *   first (threads are flat: the first comment is every reply's parent).
 * - Review state travels in extension terms defined by {@link MARGINALIA_CONTEXT}.
 * - Each relation between two exported annotations follows its article's
 *   annotations as an `Annotation` with `motivation: "linking"`: its targets
 *   are the IRIs of the two annotations, a `classifying` body names its type
 *   (and a `commenting` body carries its note); since JSON-LD arrays are
 *   unordered, `relationSource`/`relationTarget` say which end is which, and
 *   `directed` whether the type is directed (false: symmetric).
 */

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** The namespace of Marginalia's extension terms. */
export const MARGINALIA_NS = "https://marginalia.app/ns/annotation#";

/** Extension terms: review status and anchoring state of an annotation. */
export const MARGINALIA_CONTEXT = {
  mrg: MARGINALIA_NS,
  reviewStatus: { "@id": "mrg:reviewStatus" },
  reviewed: { "@id": "mrg:reviewed", "@type": "xsd:dateTime" },
  reviewer: { "@id": "mrg:reviewer", "@type": "@id" },
  rejectionReason: { "@id": "mrg:rejectionReason" },
  anchorState: { "@id": "mrg:anchorState" },
  directed: { "@id": "mrg:directed", "@type": "xsd:boolean" },
  relationSource: { "@id": "mrg:relationSource", "@type": "@id" },
  relationTarget: { "@id": "mrg:relationTarget", "@type": "@id" },
  inverseLabel: { "@id": "mrg:inverseLabel" },
} as const;

export const W3C_CONTEXT = [ANNO_CONTEXT, MARGINALIA_CONTEXT] as const;

/** The values of `reviewStatus`. */
export const REVIEW_STATUS = { PROPOSED: "proposed", ACCEPTED: "accepted", REJECTED: "rejected" } as const;
export const ANCHOR_STATE = { ANCHORED: "anchored", MOVED: "moved", ORPHANED: "orphaned" } as const;

export const W3C_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** Annotations per `AnnotationPage`. */
export const W3C_PAGE_SIZE = 1000;

export type W3CTextQuoteSelector = { type: "TextQuoteSelector"; exact: string; prefix?: string; suffix?: string };
export type W3CTextPositionSelector = { type: "TextPositionSelector"; start: number; end: number };
/** A page of the PDF the text came from (RFC 3778 `page=N`), narrowed to the passage by its quote. */
export type W3CFragmentSelector = {
  type: "FragmentSelector";
  conformsTo: "http://tools.ietf.org/rfc/rfc3778";
  value: string;
  refinedBy: W3CTextQuoteSelector;
};
export type W3CSelector = W3CTextQuoteSelector | W3CTextPositionSelector | W3CFragmentSelector;

export type W3CTarget = {
  type: "SpecificResource";
  source: string;
  scope?: string;
  selector: W3CSelector[];
};

export type W3CBody =
  | { type: "SpecificResource"; purpose: "identifying"; source: string }
  | {
      type: "TextualBody";
      purpose: "classifying" | "tagging" | "commenting" | "replying";
      value: string;
      format: "text/plain";
    };

export type W3CAgent = { id: string; type: "Person"; name: string };

export type W3CAnnotation = {
  "@context"?: typeof W3C_CONTEXT;
  id: string;
  type: "Annotation";
  motivation: "tagging" | "highlighting" | "commenting" | "replying" | "linking";
  creator: W3CAgent;
  created: string;
  modified: string;
  body?: W3CBody[];
  target: W3CTarget | string | string[];
  reviewStatus?: (typeof REVIEW_STATUS)[keyof typeof REVIEW_STATUS];
  reviewed?: string;
  reviewer?: string;
  rejectionReason?: string;
  anchorState?: (typeof ANCHOR_STATE)[keyof typeof ANCHOR_STATE];
  directed?: boolean;
  relationSource?: string;
  relationTarget?: string;
  inverseLabel?: string;
};

const iso = (d: Date) => d.toISOString();
const agent = (links: ExportLinks, user: { id: string; name: string }): W3CAgent => ({
  id: links.user(user.id),
  type: "Person",
  name: user.name,
});

/** The target of an annotation on `article`: both selectors, positions in code points. */
export function w3cTarget(
  article: ExportArticle,
  annotation: ExportAnnotation,
  links: ExportLinks,
  converter: OffsetConverter = createOffsetConverter(article.text),
): W3CTarget {
  const quote: W3CTextQuoteSelector = { type: "TextQuoteSelector", exact: annotation.exact };
  if (annotation.prefix) quote.prefix = annotation.prefix;
  if (annotation.suffix) quote.suffix = annotation.suffix;
  const selector: W3CSelector[] = [quote];
  if (isAnchored(article, annotation)) {
    selector.push({
      type: "TextPositionSelector",
      start: converter.toCodePoint(annotation.start),
      end: converter.toCodePoint(annotation.end),
    });
    const page = annotationPage(article, annotation);
    if (page !== null) {
      selector.push({
        type: "FragmentSelector",
        conformsTo: "http://tools.ietf.org/rfc/rfc3778",
        value: `page=${page}`,
        refinedBy: quote,
      });
    }
  }
  return { type: "SpecificResource", source: links.revisionText(article), scope: links.articlePage(article), selector };
}

function commentAnnotation(
  comment: ExportComment,
  motivation: "commenting" | "replying",
  target: string,
  links: ExportLinks,
): W3CAnnotation {
  return {
    id: links.comment(comment.id),
    type: "Annotation",
    motivation,
    creator: agent(links, comment.author),
    created: iso(comment.createdAt),
    modified: iso(comment.updatedAt),
    body: [{ type: "TextualBody", purpose: motivation, value: comment.text, format: "text/plain" }],
    target,
  };
}

/**
 * The W3C annotations of one Marginalia annotation: the annotation itself,
 * then its thread (see the module comment). Without `@context`: they are
 * items of a page that carries it (use {@link withContext} for standalone ones).
 */
export function w3cAnnotations(
  article: ExportArticle,
  annotation: ExportAnnotation,
  links: ExportLinks,
  converter?: OffsetConverter,
): W3CAnnotation[] {
  const body: W3CBody[] = [];
  const entity = annotation.entity;
  if (entity) {
    body.push({ type: "SpecificResource", purpose: "identifying", source: links.entity(entity) });
    const external = links.externalEntity(entity);
    if (external) body.push({ type: "SpecificResource", purpose: "identifying", source: external });
    body.push({ type: "TextualBody", purpose: "classifying", value: entity.type.name, format: "text/plain" });
    body.push({ type: "TextualBody", purpose: "tagging", value: entity.name, format: "text/plain" });
  }
  if (annotation.note) {
    body.push({ type: "TextualBody", purpose: "commenting", value: annotation.note, format: "text/plain" });
  }
  const main: W3CAnnotation = {
    id: links.annotation(annotation.id),
    type: "Annotation",
    motivation: entity ? "tagging" : annotation.note ? "commenting" : "highlighting",
    creator: agent(links, annotation.author),
    created: iso(annotation.createdAt),
    modified: iso(annotation.updatedAt),
    ...(body.length ? { body } : {}),
    target: w3cTarget(article, annotation, links, converter),
    reviewStatus: REVIEW_STATUS[annotation.status],
    ...(annotation.reviewedAt ? { reviewed: iso(annotation.reviewedAt) } : {}),
    ...(annotation.reviewedBy ? { reviewer: links.user(annotation.reviewedBy.id) } : {}),
    ...(annotation.rejectionReason ? { rejectionReason: annotation.rejectionReason } : {}),
    anchorState: ANCHOR_STATE[annotation.anchorState],
  };
  const [first, ...replies] = annotation.comments;
  if (!first) return [main];
  const root = commentAnnotation(first, "commenting", main.id, links);
  return [main, root, ...replies.map((reply) => commentAnnotation(reply, "replying", root.id, links))];
}

/** The linking annotation of a relation (see the module comment). */
export function w3cRelation(relation: ExportRelation, links: ExportLinks): W3CAnnotation {
  const body: W3CBody[] = [
    { type: "TextualBody", purpose: "classifying", value: relation.type.name, format: "text/plain" },
  ];
  if (relation.note)
    body.push({ type: "TextualBody", purpose: "commenting", value: relation.note, format: "text/plain" });
  const source = links.annotation(relation.sourceId);
  const target = links.annotation(relation.targetId);
  return {
    id: links.relation(relation.id),
    type: "Annotation",
    motivation: "linking",
    creator: agent(links, relation.author),
    created: iso(relation.createdAt),
    modified: iso(relation.updatedAt),
    body,
    target: [source, target],
    relationSource: source,
    relationTarget: target,
    directed: relation.type.directed,
    ...(relation.type.inverseLabel ? { inverseLabel: relation.type.inverseLabel } : {}),
    reviewStatus: REVIEW_STATUS[relation.status],
    ...(relation.reviewedAt ? { reviewed: iso(relation.reviewedAt) } : {}),
    ...(relation.reviewedBy ? { reviewer: links.user(relation.reviewedBy.id) } : {}),
    ...(relation.rejectionReason ? { rejectionReason: relation.rejectionReason } : {}),
  };
}

/** A standalone annotation (with its own `@context`). */
export function withContext(annotation: W3CAnnotation): W3CAnnotation {
  return { "@context": W3C_CONTEXT, ...annotation };
}

/**
 * The W3C annotations of a run of one article's Marginalia annotations, already
 * serialized: each item's JSON (as `JSON.stringify` writes it) in UTF-8, each
 * preceded by {@link ITEM_SEPARATOR}, one after the other. What a
 * {@link W3CBatchFormatter} returns, possibly from a worker thread (typed
 * arrays cross threads as one copy of their bytes, not object by object). A
 * page takes a run of them as one slice of `bytes`: per item, a stream step
 * and its promises cost the request thread more than the item's bytes.
 */
export type EncodedW3CItems = {
  bytes: Uint8Array;
  /** The byte offset where each item ends. */
  ends: Uint32Array;
  /** How many items each Marginalia annotation makes (itself and its thread), in order. */
  groups: Uint32Array;
};

/** Before each item of {@link EncodedW3CItems}: the separator of a page's items after its first. */
const ITEM_SEPARATOR = ",\n";

/** Formats a batch of one article's annotations as W3C items (see {@link encodeW3CItems}). */
export type W3CBatchFormatter = (
  article: ExportArticle,
  annotations: readonly ExportAnnotation[],
) => Promise<EncodedW3CItems>;

/** Serialized items, in groups of the given sizes, as {@link EncodedW3CItems}. */
function encodeItems(json: readonly string[], groups: Uint32Array): EncodedW3CItems {
  const ends = new Uint32Array(json.length);
  let end = 0;
  json.forEach((item, i) => {
    end += ITEM_SEPARATOR.length + Buffer.byteLength(item, "utf8");
    ends[i] = end;
  });
  const bytes = Buffer.from(ITEM_SEPARATOR + json.join(ITEM_SEPARATOR), "utf8");
  return { bytes: json.length ? bytes : new Uint8Array(0), ends, groups };
}

/** `w3cAnnotations` of each annotation, serialized as {@link EncodedW3CItems}. */
export function encodeW3CItems(
  article: ExportArticle,
  annotations: readonly ExportAnnotation[],
  links: ExportLinks,
  converter: OffsetConverter = createOffsetConverter(article.text),
): EncodedW3CItems {
  const json: string[] = [];
  const groups = new Uint32Array(annotations.length);
  annotations.forEach((annotation, i) => {
    const items = w3cAnnotations(article, annotation, links, converter);
    groups[i] = items.length;
    for (const item of items) json.push(JSON.stringify(item));
  });
  return encodeItems(json, groups);
}

export type W3CExportOptions = {
  links: ExportLinks;
  /** The collection's IRI (the export's URL). Pages are `<id>#page-<n>` or the names given by `pageId`. */
  collectionId: string;
  label: string;
  /** W3C annotations per page; a Marginalia annotation and its thread are never split. */
  pageSize?: number;
  created?: Date;
  /** The number of W3C annotations (annotations plus their comments), when known before streaming. */
  total?: number;
  /**
   * Formats each batch of annotations (default: here, with {@link encodeW3CItems}). The server
   * passes one that runs on its worker pool: serializing 100,000 annotations held the request
   * thread for seconds.
   */
  formatBatch?: W3CBatchFormatter;
};

function pageIdOf(collectionId: string, index: number): string {
  return `${collectionId}#page-${index + 1}`;
}

/**
 * One AnnotationPage of a collection, as a streamed JSON document. The
 * `next`, `last`-style keys that depend on what follows are written after the
 * items (JSON object key order carries no meaning).
 */
type PageWriter = {
  open(index: number, startIndex: number, embedded: boolean): string;
  close(hasNext: boolean, index: number): string;
};

function pageWriter(collectionId: string): PageWriter {
  return {
    open(index, startIndex, embedded) {
      const head: Record<string, unknown> = embedded ? {} : { "@context": W3C_CONTEXT };
      Object.assign(head, {
        id: pageIdOf(collectionId, index),
        type: "AnnotationPage",
        partOf: collectionId,
        startIndex,
      });
      if (index > 0) head.prev = pageIdOf(collectionId, index - 1);
      return `${JSON.stringify(head).slice(0, -1)},"items":[`;
    },
    close(hasNext, index) {
      return hasNext ? `],"next":${JSON.stringify(pageIdOf(collectionId, index + 1))}}` : "]}";
    },
  };
}

/**
 * Yields the W3C annotations of a source, serialized, a batch at a time;
 * after an article's annotations, its relations between them (one item per
 * group). Each batch is formatted by `formatBatch`.
 */
async function* allAnnotations(
  source: ExportSource,
  links: ExportLinks,
  formatBatch: W3CBatchFormatter,
): AsyncGenerator<EncodedW3CItems> {
  let article: ExportArticle | null = null;
  let exported = new Set<string>();
  // No batch is empty: a page is opened only for what follows.
  function* relationsOf(done: ExportArticle) {
    const json = exportedRelations(done, exported).map((r) => JSON.stringify(w3cRelation(r, links)));
    if (json.length) yield encodeItems(json, new Uint32Array(json.length).fill(1));
  }
  for await (const batch of source) {
    if (batch.article.id !== article?.id) {
      if (article) yield* relationsOf(article);
      article = batch.article;
      exported = new Set();
    }
    if (article.relations?.length) for (const annotation of batch.annotations) exported.add(annotation.id);
    if (batch.annotations.length) yield await formatBatch(batch.article, batch.annotations);
  }
  if (article) yield* relationsOf(article);
}

/** The in-process formatter: one offset converter per article. */
function localFormatter(links: ExportLinks): W3CBatchFormatter {
  let converted: { text: string; converter: OffsetConverter } | null = null;
  return async (article, annotations) => {
    if (converted?.text !== article.text)
      converted = { text: article.text, converter: createOffsetConverter(article.text) };
    return encodeW3CItems(article, annotations, links, converted.converter);
  };
}

const NEWLINE = Buffer.from("\n");

/**
 * Streams the export as files: the first, `annotations.jsonld`, holds the
 * `AnnotationCollection` with its first page embedded; later pages follow as
 * `annotations-page-<n>.jsonld`, each a standalone `AnnotationPage` (its
 * `partOf`, `prev` and `next` link them). With one page (an article), the
 * collection file is the whole export.
 *
 * Memory is one page of output: nothing is buffered beyond the current page.
 */
export async function* w3cCollectionFiles(
  source: ExportSource,
  options: W3CExportOptions,
): AsyncGenerator<{ name: string; content: AsyncIterable<string | Uint8Array> }> {
  const { collectionId, links } = options;
  const pageSize = options.pageSize ?? W3C_PAGE_SIZE;
  const writer = pageWriter(collectionId);
  const formatBatch = options.formatBatch ?? localFormatter(links);
  const iterator = allAnnotations(source, links, formatBatch)[Symbol.asyncIterator]();
  let pending = await iterator.next();
  let index = 0;
  let total = 0;
  let done = false;

  const header = {
    "@context": W3C_CONTEXT,
    id: collectionId,
    type: "AnnotationCollection",
    label: options.label,
    created: (options.created ?? new Date()).toISOString(),
  };

  /** Where the next page starts in `pending`: its next group and that group's first item. */
  let next = { group: 0, item: 0 };

  /**
   * Writes one page's items: whole groups (an annotation with its thread is
   * never split) while they fit, at least one. A run of items in one batch
   * goes out as one slice of its bytes.
   */
  async function* pageBody(): AsyncGenerator<Uint8Array> {
    let count = 0;
    while (!pending.done) {
      const { bytes, ends, groups } = pending.value;
      const first = next.item;
      const pageStart = count === 0;
      while (next.group < groups.length && (count === 0 || count + groups[next.group] <= pageSize)) {
        count += groups[next.group];
        next = { group: next.group + 1, item: next.item + groups[next.group] };
      }
      if (next.item > first) {
        const start = first === 0 ? 0 : ends[first - 1];
        // The page's first item follows a newline, not the separator.
        if (pageStart) yield NEWLINE;
        yield bytes.subarray(pageStart ? start + ITEM_SEPARATOR.length : start, ends[next.item - 1]);
      }
      if (next.group < groups.length) break;
      pending = await iterator.next();
      next = { group: 0, item: 0 };
    }
    total += count;
  }

  async function* firstFile(): AsyncGenerator<string | Uint8Array> {
    yield `${JSON.stringify(header).slice(0, -1)},"first":`;
    yield writer.open(0, 0, true);
    yield* pageBody();
    const hasNext = !pending.done;
    yield writer.close(hasNext, 0);
    if (!hasNext) {
      yield `,"total":${total},"last":${JSON.stringify(pageIdOf(collectionId, 0))}}\n`;
      done = true;
    } else {
      // The last page is not known yet: the pages' next/prev links lead there.
      yield options.total === undefined ? "}\n" : `,"total":${options.total}}\n`;
    }
  }

  yield { name: "annotations.jsonld", content: firstFile() };
  while (!done && !pending.done) {
    index++;
    const pageIndex = index;
    const startIndex = total;
    yield {
      name: `annotations-page-${pageIndex + 1}.jsonld`,
      content: (async function* (): AsyncGenerator<string | Uint8Array> {
        yield writer.open(pageIndex, startIndex, false);
        yield* pageBody();
        yield writer.close(!pending.done, pageIndex);
        yield "\n";
      })(),
    };
  }
}
