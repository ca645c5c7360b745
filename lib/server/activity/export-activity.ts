import "server-only";
import { db } from "@/lib/db";

const BATCH = 1000;
const DAY_MS = 86_400_000;

/**
 * The workspace's activity log as JSON Lines, oldest first, streamed in batches (flat
 * memory whatever its size): one object per event with its time, action, actor (id, email,
 * name), target and data. `from`/`to` are UTC days (YYYY-MM-DD), both included.
 */
export function exportActivity(options: {
  workspaceId: string;
  from?: string;
  to?: string;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const createdAt = {
    ...(options.from ? { gte: new Date(`${options.from}T00:00:00Z`) } : {}),
    ...(options.to ? { lt: new Date(Date.parse(`${options.to}T00:00:00Z`) + DAY_MS) } : {}),
  };
  let after: { createdAt: Date; id: string } | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await db.activityEvent.findMany({
        where: {
          workspaceId: options.workspaceId,
          createdAt,
          ...(after
            ? {
                OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
              }
            : {}),
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: BATCH,
        select: {
          id: true,
          createdAt: true,
          action: true,
          targetType: true,
          targetId: true,
          data: true,
          actor: { select: { id: true, email: true, name: true } },
        },
      });
      if (rows.length > 0) {
        const lines = rows.map((r) =>
          JSON.stringify({
            id: r.id,
            time: r.createdAt.toISOString(),
            workspaceId: options.workspaceId,
            action: r.action,
            actor: r.actor,
            targetType: r.targetType,
            targetId: r.targetId,
            data: r.data,
          }),
        );
        controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
        const last = rows[rows.length - 1];
        after = { createdAt: last.createdAt, id: last.id };
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}
