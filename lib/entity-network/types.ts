/**
 * The entity network as the API sends it and the graph draws it. Kept compact
 * (ids, no nested objects per edge) because a large workspace sends tens of
 * thousands of edges.
 */

export type NetworkType = { id: string; name: string; color: string };

export type NetworkNode = {
  id: string;
  name: string;
  typeId: string;
  /** Live annotations of the entity (in the chosen article, if any). */
  mentions: number;
};

export type NetworkEdge = {
  /** The smaller of the two entity ids, so that each pair appears once. */
  source: string;
  target: string;
  /** Paragraphs in which both entities are tagged. */
  weight: number;
};

/** Relations of one type from one entity to another (derived from relations between their annotations). */
export type RelationEdge = { source: string; target: string; typeId: string; directed: boolean; count: number };

export type EntityNetwork = {
  types: NetworkType[];
  nodes: NetworkNode[];
  /** Strongest first. */
  edges: NetworkEdge[];
  /** True when more edges passed the filters than were sent (the weakest were left out). */
  truncated: boolean;
  /** Relation types used by `relationEdges`. */
  relationTypes: (NetworkType & { directed: boolean })[];
  /** Typed, directed relation edges, distinct from co-occurrence; most mentioned first. */
  relationEdges: RelationEdge[];
};

export type PassageHighlight = { annotationId: string; entityId: string; start: number; end: number };

/** A paragraph in which two entities are both tagged. Offsets are UTF-16 units into `text`. */
export type CooccurrencePassage = {
  articleId: string;
  articleTitle: string;
  /** 0-based index of the paragraph (block) in the article's canonical text. */
  paragraph: number;
  text: string;
  /** Whether `text` was cut from a longer paragraph at its start or end. */
  cutBefore: boolean;
  cutAfter: boolean;
  highlights: PassageHighlight[];
};

export type CooccurrencePassages = { total: number; passages: CooccurrencePassage[] };
