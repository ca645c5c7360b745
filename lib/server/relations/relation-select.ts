import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

const end = {
  select: {
    id: true,
    authorId: true,
    start: true,
    end: true,
    exact: true,
    anchorState: true,
    deletedAt: true,
    entity: { select: { id: true, name: true, typeId: true } },
  },
} as const;

/** What every relation read loads: the row, its type, author and both ends. */
export const relationSelect = {
  id: true,
  articleId: true,
  note: true,
  status: true,
  rejectionReason: true,
  reviewedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  authorId: true,
  type: { select: { id: true, name: true, inverseLabel: true, directed: true, color: true } },
  author: { select: { id: true, name: true } },
  source: end,
  target: end,
} satisfies Prisma.RelationSelect;

type RelationRow = Prisma.RelationGetPayload<{ select: typeof relationSelect }>;
type EndRow = RelationRow["source"];

/** One end of a relation as the API shows it. */
export type RelationEndView = Omit<EndRow, "authorId" | "deletedAt">;

/**
 * A relation as the API shows it. `flagged` is true while either end is
 * orphaned by a revision: the relation is kept, to be checked by hand.
 */
export type RelationView = Omit<RelationRow, "authorId" | "source" | "target"> & {
  source: RelationEndView;
  target: RelationEndView;
  flagged: boolean;
};

function endView(e: EndRow): RelationEndView {
  return { id: e.id, start: e.start, end: e.end, exact: e.exact, anchorState: e.anchorState, entity: e.entity };
}

/** Shapes a loaded relation for the API. */
export function relationView(row: RelationRow): RelationView {
  const { authorId: _authorId, source, target, ...rest } = row;
  return {
    ...rest,
    source: endView(source),
    target: endView(target),
    flagged: source.anchorState === "ORPHANED" || target.anchorState === "ORPHANED",
  };
}
