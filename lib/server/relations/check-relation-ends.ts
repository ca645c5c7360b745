import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { canSeeAnnotation, findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";

function unprocessable(field: string, message: string): AppError {
  return new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { [field]: [message] } } });
}

/**
 * Checks that a relation of `typeId` may link `sourceId` to `targetId` on the
 * article: both live annotations of that article the actor may see (else 404),
 * a live type of the workspace, and ends whose entity types the type allows
 * (else 422, naming the end at fault).
 */
export async function checkRelationEnds(
  tx: Tx,
  options: { workspaceId: string; articleId: string; actor: Actor; sourceId: string; targetId: string; typeId: string },
): Promise<{ typeName: string }> {
  const { workspaceId, articleId, actor, sourceId, targetId, typeId } = options;
  if (sourceId === targetId) throw unprocessable("targetId", "A relation links two different annotations.");
  const ends = await tx.annotation.findMany({
    where: { id: { in: [sourceId, targetId] }, workspaceId, deletedAt: null, article: { deletedAt: null } },
    select: {
      id: true,
      articleId: true,
      authorId: true,
      entity: { select: { typeId: true, type: { select: { name: true } } } },
    },
  });
  const visibility = await findAnnotationVisibility({ workspaceId, viewer: actor, articleId }, tx);
  const source = ends.find((a) => a.id === sourceId);
  const target = ends.find((a) => a.id === targetId);
  if (!source || !canSeeAnnotation(visibility, source)) throw notFound("Source annotation");
  if (!target || !canSeeAnnotation(visibility, target)) throw notFound("Target annotation");
  if (source.articleId !== articleId || target.articleId !== articleId)
    throw unprocessable("targetId", "Both ends of a relation must be annotations of this article.");
  const type = await tx.relationType.findFirst({
    where: { id: typeId, workspaceId },
    select: { name: true, archivedAt: true, sourceTypeIds: true, targetTypeIds: true },
  });
  if (!type) throw unprocessable("typeId", "No such relation type in this workspace.");
  if (type.archivedAt) throw unprocessable("typeId", `The relation type “${type.name}” is archived.`);
  const allowedNames = async (ids: string[]) =>
    (await tx.entityType.findMany({ where: { id: { in: ids } }, select: { name: true } })).map((t) => t.name);
  for (const [field, end, allowed, role] of [
    ["sourceId", source, type.sourceTypeIds, "source"],
    ["targetId", target, type.targetTypeIds, "target"],
  ] as const) {
    if (!allowed.length) continue;
    if (end.entity && allowed.includes(end.entity.typeId)) continue;
    const names = (await allowedNames(allowed)).join(" or ");
    const actual = end.entity ? `a ${end.entity.type.name}` : "not tagged to an entity";
    throw unprocessable(field, `“${type.name}” needs a ${names} as its ${role}; this one is ${actual}.`);
  }
  return { typeName: type.name };
}
