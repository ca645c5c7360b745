import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What every annotation read returns: the row plus its author and entity with type. */
export const annotationSelect = {
  id: true,
  articleId: true,
  revisionId: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  note: true,
  status: true,
  anchorState: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true } },
  entity: {
    select: { id: true, name: true, type: { select: { id: true, name: true, color: true } } },
  },
} satisfies Prisma.AnnotationSelect;

export type AnnotationView = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;
