import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { canSeeAnnotation, findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";

export type Actor = { id: string; role: Role };

/**
 * Loads an annotation of the workspace for a change and checks that the actor
 * may change it: authors their own, owners and reviewers anyone's. Someone
 * else's annotation on an article the actor annotates blind is not found.
 */
export async function findAnnotationForWrite(
  tx: Tx,
  options: { workspaceId: string; annotationId: string; actor: Actor; deleted: boolean },
) {
  const annotation = await tx.annotation.findFirst({
    where: {
      id: options.annotationId,
      workspaceId: options.workspaceId,
      deletedAt: options.deleted ? { not: null } : null,
      article: { deletedAt: null },
    },
    select: { id: true, authorId: true, version: true, articleId: true, exact: true },
  });
  if (!annotation) throw notFound("Annotation");
  if (annotation.authorId !== options.actor.id && !can(options.actor.role, "annotation.manageAny")) {
    const visibility = await findAnnotationVisibility(
      { workspaceId: options.workspaceId, viewer: options.actor, articleId: annotation.articleId },
      tx,
    );
    if (!canSeeAnnotation(visibility, annotation)) throw notFound("Annotation");
    throw new AppError("FORBIDDEN", "Only its author, a reviewer or an owner can change this annotation.");
  }
  return annotation;
}
