import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, staleEdit } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { entitySelect, type EntityView } from "@/lib/server/entities/entity-select";
import type { CreateEntityInput, UpdateEntityInput } from "@/lib/validations/entity";

async function requireLiveType(tx: Tx, workspaceId: string, typeId: string): Promise<void> {
  const type = await tx.entityType.findFirst({
    where: { id: typeId, workspaceId, archivedAt: null },
    select: { id: true },
  });
  if (!type) {
    throw new AppError("UNPROCESSABLE", "Choose an entity type of this workspace.", {
      details: { fieldErrors: { typeId: ["Choose an entity type of this workspace."] } },
    });
  }
}

/** Adds an entity to the workspace's catalog. */
export async function createEntity(options: {
  workspaceId: string;
  actorId: string;
  input: CreateEntityInput;
}): Promise<EntityView> {
  const { workspaceId, actorId, input } = options;
  return db.$transaction(async (tx) => {
    await requireLiveType(tx, workspaceId, input.typeId);
    const entity = await tx.entity.create({
      data: {
        id: newId(),
        workspaceId,
        typeId: input.typeId,
        name: input.name,
        aliases: input.aliases.filter((a) => a !== input.name),
        description: input.description || null,
        externalId: input.externalId || null,
      },
      select: entitySelect,
    });
    await recordActivity({
      tx,
      action: "entity.created",
      actorId,
      workspaceId,
      target: { type: "entity", id: entity.id },
      data: { name: entity.name },
    });
    return entity;
  });
}

/**
 * Edits an entity's name, type, aliases, description or external id. The write only lands on the
 * version the client saw: a newer one answers 409 with the current entity.
 */
export async function updateEntity(options: {
  workspaceId: string;
  actorId: string;
  entityId: string;
  input: UpdateEntityInput;
}): Promise<EntityView> {
  const { workspaceId, actorId, entityId, input } = options;
  return db.$transaction(async (tx) => {
    const existing = await tx.entity.findFirst({
      where: { id: entityId, workspaceId, deletedAt: null },
      select: { id: true },
    });
    if (!existing) throw notFound("Entity");
    if (input.typeId) await requireLiveType(tx, workspaceId, input.typeId);
    const { count } = await tx.entity.updateMany({
      where: { id: entityId, version: input.version },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.typeId !== undefined ? { typeId: input.typeId } : {}),
        ...(input.aliases !== undefined ? { aliases: input.aliases } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.externalId !== undefined ? { externalId: input.externalId || null } : {}),
        version: { increment: 1 },
      },
    });
    const entity = await tx.entity.findUniqueOrThrow({ where: { id: entityId }, select: entitySelect });
    if (count === 0) throw staleEdit("entity", entity, input.version);
    await recordActivity({
      tx,
      action: "entity.updated",
      actorId,
      workspaceId,
      target: { type: "entity", id: entityId },
      data: { name: entity.name },
    });
    return entity;
  });
}
