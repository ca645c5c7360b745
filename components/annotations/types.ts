/** An annotation as the API returns it (dates as ISO strings). */
export type AnnotationItem = {
  id: string;
  articleId: string;
  revisionId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string | null;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  anchorState: "ANCHORED" | "MOVED" | "ORPHANED";
  version: number;
  createdAt: string;
  updatedAt: string;
  author: { id: string; name: string };
  entity: { id: string; name: string; type: { id: string; name: string; color: string } } | null;
};

export type EntityTypeItem = { id: string; name: string; color: string; shortcut: string | null };

export type EntityItem = {
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  externalId: string | null;
  type: { id: string; name: string; color: string };
};

/** The colour of a highlight without an entity. */
export const UNTAGGED_COLOR = "#f5c542";
