import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { canSeeRelation } from "@/lib/server/relations/relation-visibility";

/**
 * Loads a relation of the workspace for a change and checks that the actor
 * may change it: authors their own, owners and reviewers anyone's. A relation
 * hidden from a blind analyst is not found.
 */
export async function findRelationForWrite(
  tx: Tx,
  options: { workspaceId: string; relationId: string; actor: Actor; deleted: boolean },
) {
  const relation = await tx.relation.findFirst({
    where: {
      id: options.relationId,
      workspaceId: options.workspaceId,
      deletedAt: options.deleted ? { not: null } : null,
      article: { deletedAt: null },
    },
    select: {
      id: true,
      articleId: true,
      authorId: true,
      version: true,
      typeId: true,
      sourceId: true,
      targetId: true,
      deletedWithId: true,
      type: { select: { name: true } },
      source: { select: { authorId: true, deletedAt: true } },
      target: { select: { authorId: true, deletedAt: true } },
    },
  });
  if (!relation) throw notFound("Relation");
  if (relation.authorId !== options.actor.id && !can(options.actor.role, "annotation.manageAny")) {
    const visibility = await findAnnotationVisibility(
      { workspaceId: options.workspaceId, viewer: options.actor, articleId: relation.articleId },
      tx,
    );
    if (!canSeeRelation(visibility, relation)) throw notFound("Relation");
    throw new AppError("FORBIDDEN", "Only its author, a reviewer or an owner can change this relation.");
  }
  return relation;
}
