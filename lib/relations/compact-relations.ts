import type { RelationItem } from "@/lib/validations/relation";

/**
 * The article page's relations in a compact form, as its annotations are
 * (lib/annotations/compact-annotations.ts): types and authors once each, one
 * array per relation. With 2,000 relations the objects' form was most of the
 * page's growth over the same article without relations (865 KB of 1.98 MB in
 * the RSC payload) and as many objects for React to serialize and revive.
 * Pure TypeScript, shared by the page (encode) and the reader (decode).
 */

type Status = RelationItem["status"];
export type CompactRelationType = RelationItem["type"];
export type CompactRelationAuthor = RelationItem["author"];

const STATUSES = ["PROPOSED", "ACCEPTED", "REJECTED"] as const satisfies readonly Status[];

/** `[id, source id, target id, type index, author index, version, 2 × status index + (flagged ? 1 : 0), note]`. */
export type CompactRelationRow = [string, string, string, number, number, number, number, string | null];

export type CompactRelations = {
  types: CompactRelationType[];
  authors: CompactRelationAuthor[];
  rows: CompactRelationRow[];
};

export type EncodableRelation = {
  id: string;
  sourceId: string;
  targetId: string;
  typeId: string;
  authorId: string;
  version: number;
  status: Status;
  flagged: boolean;
  note: string | null;
};

/** Encodes `relations`; every type and author they name must be in `types` and `authors`. */
export function encodeRelations(
  relations: readonly EncodableRelation[],
  types: readonly CompactRelationType[],
  authors: readonly CompactRelationAuthor[],
): CompactRelations {
  const typeIndex = new Map(types.map((t, i) => [t.id, i]));
  const authorIndex = new Map(authors.map((a, i) => [a.id, i]));
  const rows = relations.map((r): CompactRelationRow => {
    const type = typeIndex.get(r.typeId);
    if (type === undefined) throw new Error(`encodeRelations: relation type ${r.typeId} is missing`);
    const author = authorIndex.get(r.authorId);
    if (author === undefined) throw new Error(`encodeRelations: author ${r.authorId} is missing`);
    const state = STATUSES.indexOf(r.status) * 2 + (r.flagged ? 1 : 0);
    return [r.id, r.sourceId, r.targetId, type, author, r.version, state, r.note];
  });
  return { types: [...types], authors: [...authors], rows };
}

/** Decodes what `encodeRelations` made, as the reader holds relations. */
export function decodeRelations({ types, authors, rows }: CompactRelations): RelationItem[] {
  return rows.map(([id, sourceId, targetId, type, author, version, state, note]) => ({
    id,
    version,
    status: STATUSES[state >> 1],
    note,
    flagged: (state & 1) === 1,
    type: types[type],
    source: { id: sourceId },
    target: { id: targetId },
    author: authors[author],
  }));
}
