import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, staleEdit } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { recordActivity } from "@/lib/server/activity/record-activity";
import type { EntityTypeView } from "@/lib/server/entity-types/find-entity-types";
import type { UpdateEntityTypeInput } from "@/lib/validations/entity";

const select = { id: true, name: true, color: true, shortcut: true, archivedAt: true, version: true } as const;

async function assertFree(
  tx: Tx,
  workspaceId: string,
  exceptId: string | null,
  name?: string,
  shortcut?: string | null,
) {
  if (name) {
    const clash = await tx.entityType.findFirst({
      where: {
        workspaceId,
        name: { equals: name, mode: "insensitive" },
        ...(exceptId ? { id: { not: exceptId } } : {}),
      },
      select: { id: true },
    });
    if (clash)
      throw new AppError("CONFLICT", "A type with that name exists.", {
        details: { fieldErrors: { name: ["A type with that name exists."] } },
      });
  }
  if (shortcut) {
    const clash = await tx.entityType.findFirst({
      where: { workspaceId, shortcut, archivedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { name: true },
    });
    if (clash) {
      const message = `The shortcut “${shortcut}” already belongs to ${clash.name}.`;
      throw new AppError("CONFLICT", message, { details: { fieldErrors: { shortcut: [message] } } });
    }
  }
}

/** Adds an entity type to the workspace, after the existing ones. */
export async function createEntityType(options: {
  workspaceId: string;
  actorId: string;
  input: { name: string; color: string; shortcut?: string | null };
}): Promise<EntityTypeView> {
  const { workspaceId, actorId, input } = options;
  return db.$transaction(async (tx) => {
    await assertFree(tx, workspaceId, null, input.name, input.shortcut);
    const last = await tx.entityType.aggregate({ where: { workspaceId }, _max: { position: true } });
    const type = await tx.entityType.create({
      data: {
        id: newId(),
        workspaceId,
        name: input.name,
        color: input.color,
        shortcut: input.shortcut ?? null,
        position: (last._max.position ?? -1) + 1,
      },
      select,
    });
    await recordActivity({
      tx,
      action: "entity_type.created",
      actorId,
      workspaceId,
      target: { type: "entity_type", id: type.id },
      data: { name: type.name },
    });
    return type;
  });
}

/**
 * Renames, recolours, rebinds or (un)archives an entity type. Archived types keep their entities. The
 * write only lands on the version the client saw: a newer one answers 409 with the current type.
 */
export async function updateEntityType(options: {
  workspaceId: string;
  actorId: string;
  typeId: string;
  input: UpdateEntityTypeInput;
}): Promise<EntityTypeView> {
  const { workspaceId, actorId, typeId, input } = options;
  return db.$transaction(async (tx) => {
    const existing = await tx.entityType.findFirst({ where: { id: typeId, workspaceId }, select: { id: true } });
    if (!existing) throw notFound("Entity type");
    const current = await tx.entityType.findUniqueOrThrow({ where: { id: typeId }, select: { shortcut: true } });
    // Unarchiving brings the type's shortcut back into use, so it must be free too.
    const shortcut =
      input.shortcut !== undefined ? input.shortcut : input.archived === false ? current.shortcut : undefined;
    await assertFree(tx, workspaceId, typeId, input.name, shortcut);
    const { count } = await tx.entityType.updateMany({
      where: { id: typeId, version: input.version },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}),
        ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
        version: { increment: 1 },
      },
    });
    const type = await tx.entityType.findUniqueOrThrow({ where: { id: typeId }, select });
    if (count === 0) throw staleEdit("entity type", type, input.version);
    const { version: _version, ...changes } = input;
    await recordActivity({
      tx,
      action: "entity_type.updated",
      actorId,
      workspaceId,
      target: { type: "entity_type", id: type.id },
      data: changes,
    });
    return type;
  });
}
