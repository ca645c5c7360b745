import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

/**
 * The blind rule (lib/server/assignments/visible-authors.ts) applied to
 * relations: on an article the viewer annotates blind they see only their own
 * relations, and only those between their own annotations.
 */
export function visibleRelationsWhere(visibility: AnnotationVisibility): Prisma.RelationWhereInput {
  if (!visibility.blindArticleIds.length) return {};
  const own = visibility.viewerId;
  return {
    OR: [
      { articleId: { notIn: visibility.blindArticleIds } },
      { authorId: own, source: { authorId: own }, target: { authorId: own } },
    ],
  };
}

/** The same rule on one relation already loaded with its ends' authors. */
export function canSeeRelation(
  visibility: AnnotationVisibility,
  relation: { articleId: string; authorId: string; source: { authorId: string }; target: { authorId: string } },
): boolean {
  if (!visibility.blindArticleIds.includes(relation.articleId)) return true;
  const own = visibility.viewerId;
  return relation.authorId === own && relation.source.authorId === own && relation.target.authorId === own;
}
