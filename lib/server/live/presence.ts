import "server-only";
import { db } from "@/lib/db";
import { publishLive } from "@/lib/server/live/publish-live";
import {
  findAnnotationVisibility,
  isBlind,
  visibleAnnotationIds,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

/** A connection not seen for this long (its instance died) no longer counts as present. */
export const PRESENCE_TIMEOUT_MS = 45_000;

type Where = { connectionId: string; workspaceId: string; articleId: string };

/** Records that a connection has the article open, and tells the others. */
export async function joinPresence(options: Where & { userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.presence.create({ data: { ...options, seenAt: new Date() } });
    await publishLive(tx, [
      { type: "presence.changed", workspaceId: options.workspaceId, articleId: options.articleId, data: {} },
    ]);
  });
}

/** Forgets a closed connection, and tells the others. */
export async function leavePresence(options: Where): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.presence.deleteMany({ where: { connectionId: options.connectionId } });
      if (count === 0) return;
      await publishLive(tx, [
        { type: "presence.changed", workspaceId: options.workspaceId, articleId: options.articleId, data: {} },
      ]);
    });
  } catch (err) {
    console.error("Live updates: could not record a departure", err);
  }
}

/** Keeps a connection's presence fresh (called with each keepalive). */
export async function touchPresence(connectionId: string): Promise<void> {
  await db.presence.updateMany({ where: { connectionId }, data: { seenAt: new Date() } }).catch(() => undefined);
}

/**
 * Marks which annotation a connection's user has selected (or none), and the
 * annotation a link is being made from (`linkingFromId`: null when no link is
 * pending; left as it was when undefined).
 */
export async function selectInPresence(options: {
  connectionId: string;
  userId: string;
  workspaceId: string;
  selectedAnnotationId: string | null;
  linkingFromId?: string | null;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.presence.findUnique({ where: { connectionId: options.connectionId } });
    if (!row || row.userId !== options.userId || row.workspaceId !== options.workspaceId) return false;
    await tx.presence.update({
      where: { connectionId: options.connectionId },
      data: {
        selectedAnnotationId: options.selectedAnnotationId,
        ...(options.linkingFromId !== undefined ? { linkingFromId: options.linkingFromId } : {}),
        seenAt: new Date(),
      },
    });
    await publishLive(tx, [
      { type: "presence.changed", workspaceId: row.workspaceId, articleId: row.articleId, data: {} },
    ]);
    return true;
  });
}

export type PresentMember = {
  userId: string;
  name: string;
  selectedAnnotationIds: string[];
  /** The annotations this member is linking from now (pending relations). */
  linkingFromIds: string[];
};

/**
 * The members who have the article open now, each once, with what they have
 * selected and what they are linking from (only annotations the viewer may
 * see; a viewer annotating the article blind sees no one's pending links).
 */
export async function findPresence(options: {
  workspaceId: string;
  articleId: string;
  viewer: AnnotationViewer;
}): Promise<PresentMember[]> {
  const rows = await db.presence.findMany({
    where: {
      workspaceId: options.workspaceId,
      articleId: options.articleId,
      seenAt: { gt: new Date(Date.now() - PRESENCE_TIMEOUT_MS) },
    },
    orderBy: { seenAt: "asc" },
  });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const visibility = await findAnnotationVisibility(options);
  const blind = isBlind(visibility, options.articleId);
  const selected = rows.flatMap((r) => [
    ...(r.selectedAnnotationId ? [r.selectedAnnotationId] : []),
    ...(r.linkingFromId && !blind ? [r.linkingFromId] : []),
  ]);
  const visible = new Set(await visibleAnnotationIds(visibility, options.articleId, selected));
  const byUser = new Map<string, PresentMember>();
  for (const r of rows) {
    const member = byUser.get(r.userId) ?? {
      userId: r.userId,
      name: names.get(r.userId) ?? "",
      selectedAnnotationIds: [],
      linkingFromIds: [],
    };
    if (
      r.selectedAnnotationId &&
      visible.has(r.selectedAnnotationId) &&
      !member.selectedAnnotationIds.includes(r.selectedAnnotationId)
    ) {
      member.selectedAnnotationIds.push(r.selectedAnnotationId);
    }
    if (r.linkingFromId && !blind && visible.has(r.linkingFromId) && !member.linkingFromIds.includes(r.linkingFromId)) {
      member.linkingFromIds.push(r.linkingFromId);
    }
    byUser.set(r.userId, member);
  }
  return [...byUser.values()];
}
