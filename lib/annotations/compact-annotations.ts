/**
 * The article page's annotations in a compact form: authors and entities
 * once each, and one array per annotation instead of an object with repeated
 * keys. With thousands of highlights this is most of the page's data, so the
 * form is about a fifth of the objects' JSON, and parsing it is as much faster.
 * Pure TypeScript, shared by the page (encode) and the reader (decode).
 */

type Status = "PROPOSED" | "ACCEPTED" | "REJECTED";
type AnchorState = "ANCHORED" | "MOVED" | "ORPHANED";

export type CompactAuthor = { id: string; name: string };
export type CompactEntity = { id: string; name: string; type: { id: string; name: string; color: string } };

/**
 * `[id, start, end, exact, status, anchorState, version, note, createdAt (ms since the epoch),
 *   author index, entity index or -1, prefix, suffix]`; prefix and suffix only for orphaned
 *   annotations, the only ones shown with their context.
 */
export type CompactRow =
  | [string, number, number, string, Status, AnchorState, number, string | null, number, number, number]
  | [
      string,
      number,
      number,
      string,
      Status,
      AnchorState,
      number,
      string | null,
      number,
      number,
      number,
      string,
      string,
    ];

export type CompactAnnotations = { authors: CompactAuthor[]; entities: CompactEntity[]; rows: CompactRow[] };

/** An annotation as the reader holds it. */
export type DecodedAnnotation = {
  id: string;
  start: number;
  end: number;
  exact: string;
  status: Status;
  anchorState: AnchorState;
  version: number;
  note: string | null;
  createdAt: string;
  author: CompactAuthor;
  entity: CompactEntity | null;
  /** The text around the quote; sent for orphaned annotations only. */
  prefix?: string;
  suffix?: string;
};

export type EncodableAnnotation = Omit<DecodedAnnotation, "createdAt" | "author" | "entity"> & {
  createdAt: Date;
  authorId: string;
  entityId: string | null;
  /** Needed for orphaned annotations only (see `CompactRow`). */
  prefix: string | null;
  suffix: string | null;
};

export function encodeAnnotations(
  annotations: readonly EncodableAnnotation[],
  authors: readonly CompactAuthor[],
  entities: readonly CompactEntity[],
): CompactAnnotations {
  const authorIndex = new Map(authors.map((a, i) => [a.id, i]));
  const entityIndex = new Map(entities.map((e, i) => [e.id, i]));
  const rows = annotations.map((a): CompactRow => {
    const author = authorIndex.get(a.authorId);
    if (author === undefined) throw new Error(`encodeAnnotations: author ${a.authorId} is missing`);
    const entity = a.entityId === null ? -1 : entityIndex.get(a.entityId);
    if (entity === undefined) throw new Error(`encodeAnnotations: entity ${a.entityId} is missing`);
    const head = [a.id, a.start, a.end, a.exact, a.status, a.anchorState, a.version, a.note] as const;
    const tail = [a.createdAt.getTime(), author, entity] as const;
    return a.anchorState === "ORPHANED" ? [...head, ...tail, a.prefix ?? "", a.suffix ?? ""] : [...head, ...tail];
  });
  return { authors: [...authors], entities: [...entities], rows };
}

export function decodeAnnotations({ authors, entities, rows }: CompactAnnotations): DecodedAnnotation[] {
  return rows.map(
    ([id, start, end, exact, status, anchorState, version, note, createdAt, author, entity, ...context]) => ({
      id,
      start,
      end,
      exact,
      status,
      anchorState,
      version,
      note,
      createdAt: new Date(createdAt).toISOString(),
      author: authors[author],
      entity: entity < 0 ? null : entities[entity],
      ...(context.length === 2 ? { prefix: context[0], suffix: context[1] } : {}),
    }),
  );
}
