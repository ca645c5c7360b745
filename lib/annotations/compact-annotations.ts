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

const STATUSES = ["PROPOSED", "ACCEPTED", "REJECTED"] as const;
const ANCHOR_STATES = ["ANCHORED", "MOVED", "ORPHANED"] as const;

/**
 * `[id, start, end, state, version, note, createdAt (ms since the epoch), author index,
 *   entity index or -1]`, where `state` is 3 × the status's index in `STATUSES` + the anchor
 *   state's in `ANCHOR_STATES`; then the quote, only when the text the reader shows does not
 *   give it (`text.slice(start, end)`), and for orphaned annotations (the only ones shown with
 *   their context) the quote, prefix and suffix.
 */
export type CompactRow =
  | [string, number, number, number, number, string | null, number, number, number]
  | [string, number, number, number, number, string | null, number, number, number, string]
  | [string, number, number, number, number, string | null, number, number, number, string, string, string];

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

/**
 * Encodes rows for a reader that shows `text` (the canonical text of the content it is
 * given): quotes it can slice from it are left out, which with thousands of highlights
 * is a good part of the page's data.
 */
export function encodeAnnotations(
  annotations: readonly EncodableAnnotation[],
  authors: readonly CompactAuthor[],
  entities: readonly CompactEntity[],
  text: string,
): CompactAnnotations {
  const authorIndex = new Map(authors.map((a, i) => [a.id, i]));
  const entityIndex = new Map(entities.map((e, i) => [e.id, i]));
  const rows = annotations.map((a): CompactRow => {
    const author = authorIndex.get(a.authorId);
    if (author === undefined) throw new Error(`encodeAnnotations: author ${a.authorId} is missing`);
    const entity = a.entityId === null ? -1 : entityIndex.get(a.entityId);
    if (entity === undefined) throw new Error(`encodeAnnotations: entity ${a.entityId} is missing`);
    const state = STATUSES.indexOf(a.status) * 3 + ANCHOR_STATES.indexOf(a.anchorState);
    const row = [a.id, a.start, a.end, state, a.version, a.note, a.createdAt.getTime(), author, entity] as const;
    if (a.anchorState === "ORPHANED") return [...row, a.exact, a.prefix ?? "", a.suffix ?? ""];
    return text.slice(a.start, a.end) === a.exact ? [...row] : [...row, a.exact];
  });
  return { authors: [...authors], entities: [...entities], rows };
}

/** Decodes what `encodeAnnotations` made for `text`; `text` is read only if some quote was left out. */
export function decodeAnnotations(
  { authors, entities, rows }: CompactAnnotations,
  text: string | (() => string),
): DecodedAnnotation[] {
  let shown: string | null = typeof text === "string" ? text : null;
  const slice = (start: number, end: number) => (shown ??= (text as () => string)()).slice(start, end);
  return rows.map(([id, start, end, state, version, note, createdAt, author, entity, ...quote]) => ({
    id,
    start,
    end,
    exact: quote.length ? quote[0] : slice(start, end),
    status: STATUSES[Math.floor(state / 3)],
    anchorState: ANCHOR_STATES[state % 3],
    version,
    note,
    createdAt: new Date(createdAt).toISOString(),
    author: authors[author],
    entity: entity < 0 ? null : entities[entity],
    ...(quote.length === 3 ? { prefix: quote[1], suffix: quote[2] } : {}),
  }));
}
