import "server-only";
import { db } from "@/lib/db";
import { visibleActivityWhere, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

export type ActivityItem = {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  createdAt: Date;
};

/**
 * Returns a workspace's activity, newest first, `limit` at a time after
 * `cursor`; without others' annotation events on articles the viewer
 * annotates blind (the log is for reviewers and owners, who see everything,
 * but the rule holds wherever it is read).
 */
export async function findActivity(options: {
  workspaceId: string;
  visibility: AnnotationVisibility;
  cursor?: string;
  limit?: number;
}): Promise<{
  items: ActivityItem[];
  nextCursor: string | null;
}> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await db.activityEvent.findMany({
    where: { workspaceId: options.workspaceId, ...visibleActivityWhere(options.visibility) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      data: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
