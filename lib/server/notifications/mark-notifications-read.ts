import "server-only";
import { db } from "@/lib/db";

/** Marks some (by id) or all of the user's unread notifications in a workspace read; returns how many stay unread. */
export async function markNotificationsRead(options: {
  workspaceId: string;
  userId: string;
  ids: readonly string[] | "all";
}): Promise<{ unreadCount: number }> {
  const { workspaceId, userId, ids } = options;
  await db.notification.updateMany({
    where: { workspaceId, recipientId: userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: new Date() },
  });
  return { unreadCount: await db.notification.count({ where: { workspaceId, recipientId: userId, readAt: null } }) };
}
