import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { savedSearchSelect } from "@/lib/server/saved-searches/count-new-matches";
import { MAX_SAVED_SEARCHES } from "@/lib/server/saved-searches/find-saved-searches";
import type { CreateSavedSearchInput, SavedSearchView } from "@/lib/validations/saved-search";

type Row = { id: string; name: string; query: string; lastOpenedAt: Date; createdAt: Date };

/** A saved search as the API answers it; `newCount` is 0 right after saving or opening. */
function view(row: Row, newCount = 0): SavedSearchView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    lastOpenedAt: row.lastOpenedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    newCount,
  };
}

async function assertNameFree(tx: Tx, workspaceId: string, userId: string, name: string, exceptId?: string) {
  const clash = await tx.savedSearch.findFirst({
    where: {
      workspaceId,
      userId,
      deletedAt: null,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) {
    const message = "You have a saved search with that name.";
    throw new AppError("CONFLICT", message, { details: { fieldErrors: { name: [message] } } });
  }
}

async function findOwn(tx: Tx, workspaceId: string, userId: string, id: string) {
  const row = await tx.savedSearch.findFirst({
    where: { id, workspaceId, userId, deletedAt: null },
    select: savedSearchSelect,
  });
  if (!row) throw notFound("Saved search");
  return row;
}

/** Saves the user's query under a name (unique per user and workspace, any case); it counts as opened now. */
export async function createSavedSearch(options: {
  workspaceId: string;
  userId: string;
  input: CreateSavedSearchInput;
}): Promise<SavedSearchView> {
  const { workspaceId, userId, input } = options;
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, workspaceId, userId, input.name);
    const count = await tx.savedSearch.count({ where: { workspaceId, userId, deletedAt: null } });
    if (count >= MAX_SAVED_SEARCHES) {
      throw new AppError("UNPROCESSABLE", `You can keep at most ${MAX_SAVED_SEARCHES} saved searches here.`);
    }
    const row = await tx.savedSearch.create({
      data: { id: newId(), workspaceId, userId, name: input.name, query: input.query },
      select: savedSearchSelect,
    });
    await recordActivity({
      tx,
      action: "saved_search.created",
      actorId: userId,
      workspaceId,
      target: { type: "saved_search", id: row.id },
      data: { name: row.name },
    });
    return view(row);
  });
}

/** Renames one of the user's saved searches (404 for anyone else's). */
export async function renameSavedSearch(options: {
  workspaceId: string;
  userId: string;
  id: string;
  name: string;
}): Promise<SavedSearchView> {
  const { workspaceId, userId, id, name } = options;
  return db.$transaction(async (tx) => {
    const before = await findOwn(tx, workspaceId, userId, id);
    await assertNameFree(tx, workspaceId, userId, name, id);
    const row = await tx.savedSearch.update({ where: { id: before.id }, data: { name }, select: savedSearchSelect });
    await recordActivity({
      tx,
      action: "saved_search.renamed",
      actorId: userId,
      workspaceId,
      target: { type: "saved_search", id },
      data: { name, previousName: before.name },
    });
    return view(row);
  });
}

/** Soft-deletes one of the user's saved searches (404 for anyone else's). */
export async function deleteSavedSearch(options: { workspaceId: string; userId: string; id: string }): Promise<void> {
  const { workspaceId, userId, id } = options;
  await db.$transaction(async (tx) => {
    const row = await findOwn(tx, workspaceId, userId, id);
    await tx.savedSearch.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
    await recordActivity({
      tx,
      action: "saved_search.deleted",
      actorId: userId,
      workspaceId,
      target: { type: "saved_search", id },
      data: { name: row.name },
    });
  });
}

/**
 * Marks one of the user's saved searches opened now: its count of new
 * matches starts again from 0. Returns it (404 for anyone else's).
 */
export async function openSavedSearch(options: {
  workspaceId: string;
  userId: string;
  id: string;
}): Promise<SavedSearchView> {
  const { workspaceId, userId, id } = options;
  return db.$transaction(async (tx) => {
    await findOwn(tx, workspaceId, userId, id);
    // The database's clock, the one that stamps index entries.
    await tx.$executeRaw`UPDATE "SavedSearch" SET "lastOpenedAt" = clock_timestamp() WHERE id = ${id}`;
    return view(await findOwn(tx, workspaceId, userId, id));
  });
}
