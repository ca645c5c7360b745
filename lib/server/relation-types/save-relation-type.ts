import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, staleEdit } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { defaultRelationTypes } from "@/lib/relations/default-relation-types";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { relationTypeSelect, type RelationTypeView } from "@/lib/server/relation-types/find-relation-types";
import type { CreateRelationTypeInput, UpdateRelationTypeInput } from "@/lib/validations/relation";

async function assertFree(
  tx: Tx,
  workspaceId: string,
  exceptId: string | null,
  name?: string,
  shortcut?: string | null,
) {
  const except = exceptId ? { id: { not: exceptId } } : {};
  if (name) {
    const clash = await tx.relationType.findFirst({
      where: { workspaceId, name: { equals: name, mode: "insensitive" }, ...except },
      select: { id: true },
    });
    if (clash)
      throw new AppError("CONFLICT", "A relation type with that name exists.", {
        details: { fieldErrors: { name: ["A relation type with that name exists."] } },
      });
  }
  if (shortcut) {
    const clash = await tx.relationType.findFirst({
      where: { workspaceId, shortcut, archivedAt: null, ...except },
      select: { name: true },
    });
    if (clash) {
      const message = `The shortcut “${shortcut}” already belongs to ${clash.name}.`;
      throw new AppError("CONFLICT", message, { details: { fieldErrors: { shortcut: [message] } } });
    }
  }
}

async function assertEntityTypes(tx: Tx, workspaceId: string, field: string, ids: readonly string[] | undefined) {
  if (!ids?.length) return;
  const found = await tx.entityType.count({ where: { workspaceId, id: { in: [...ids] } } });
  if (found !== new Set(ids).size) {
    const message = "Pick entity types of this workspace.";
    throw new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { [field]: [message] } } });
  }
}

/** Adds a relation type to the workspace, after the existing ones. */
export async function createRelationType(options: {
  workspaceId: string;
  actorId: string;
  input: CreateRelationTypeInput;
}): Promise<RelationTypeView> {
  const { workspaceId, actorId, input } = options;
  return db.$transaction(async (tx) => {
    await assertFree(tx, workspaceId, null, input.name, input.shortcut);
    await assertEntityTypes(tx, workspaceId, "sourceTypeIds", input.sourceTypeIds);
    await assertEntityTypes(tx, workspaceId, "targetTypeIds", input.targetTypeIds);
    const last = await tx.relationType.aggregate({ where: { workspaceId }, _max: { position: true } });
    const type = await tx.relationType.create({
      data: {
        id: newId(),
        workspaceId,
        name: input.name,
        inverseLabel: input.directed ? (input.inverseLabel ?? null) : null,
        directed: input.directed,
        sourceTypeIds: [...new Set(input.sourceTypeIds)],
        targetTypeIds: [...new Set(input.targetTypeIds)],
        color: input.color,
        shortcut: input.shortcut ?? null,
        position: (last._max.position ?? -1) + 1,
      },
      select: relationTypeSelect,
    });
    await recordActivity({
      tx,
      action: "relation_type.created",
      actorId,
      workspaceId,
      target: { type: "relation_type", id: type.id },
      data: { name: type.name },
    });
    return type;
  });
}

/**
 * Renames, recolours, re-constrains or (un)archives a relation type. Archived types keep their relations.
 * The write only lands on the version the client saw: a newer one answers 409 with the current type.
 */
export async function updateRelationType(options: {
  workspaceId: string;
  actorId: string;
  typeId: string;
  input: UpdateRelationTypeInput;
}): Promise<RelationTypeView> {
  const { workspaceId, actorId, typeId, input } = options;
  return db.$transaction(async (tx) => {
    const current = await tx.relationType.findFirst({
      where: { id: typeId, workspaceId },
      select: { shortcut: true },
    });
    if (!current) throw notFound("Relation type");
    const shortcut =
      input.shortcut !== undefined ? input.shortcut : input.archived === false ? current.shortcut : undefined;
    await assertFree(tx, workspaceId, typeId, input.name, shortcut);
    await assertEntityTypes(tx, workspaceId, "sourceTypeIds", input.sourceTypeIds);
    await assertEntityTypes(tx, workspaceId, "targetTypeIds", input.targetTypeIds);
    const { count } = await tx.relationType.updateMany({
      where: { id: typeId, version: input.version },
      data: {
        version: { increment: 1 },
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.inverseLabel !== undefined ? { inverseLabel: input.inverseLabel || null } : {}),
        ...(input.directed !== undefined ? { directed: input.directed } : {}),
        ...(input.directed === false ? { inverseLabel: null } : {}),
        ...(input.sourceTypeIds !== undefined ? { sourceTypeIds: [...new Set(input.sourceTypeIds)] } : {}),
        ...(input.targetTypeIds !== undefined ? { targetTypeIds: [...new Set(input.targetTypeIds)] } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}),
        ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
      },
    });
    const type = await tx.relationType.findUniqueOrThrow({ where: { id: typeId }, select: relationTypeSelect });
    if (count === 0) throw staleEdit("relation type", type, input.version);
    await recordActivity({
      tx,
      action: "relation_type.updated",
      actorId,
      workspaceId,
      target: { type: "relation_type", id: type.id },
      data: { name: type.name },
    });
    return type;
  });
}

/**
 * In the transaction creating a workspace: its default relation types, their
 * argument constraints resolved to the workspace's entity types by name.
 */
export async function createDefaultRelationTypes(tx: Tx, workspaceId: string): Promise<void> {
  const entityTypes = await tx.entityType.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  const idsOf = (names: readonly string[]) => entityTypes.filter((t) => names.includes(t.name)).map((t) => t.id);
  await tx.relationType.createMany({
    data: defaultRelationTypes.map((t, position) => ({
      id: newId(),
      workspaceId,
      name: t.name,
      inverseLabel: t.inverseLabel,
      directed: t.directed,
      sourceTypeIds: idsOf(t.source),
      targetTypeIds: idsOf(t.target),
      color: t.color,
      shortcut: t.shortcut,
      position,
    })),
  });
}
