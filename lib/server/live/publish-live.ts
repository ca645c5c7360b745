import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LiveEventData, LiveEventType } from "@/lib/live/live-event";

export type LiveEventInput<T extends LiveEventType = LiveEventType> = {
  type: T;
  workspaceId: string;
  articleId?: string | null;
  /** Only this user's streams receive it (e.g. their notification). */
  recipientId?: string | null;
  data: LiveEventData[T];
};

/**
 * Appends live events in the caller's transaction, so subscribers hear of a
 * change exactly when it commits. The table's insert trigger wakes every app
 * instance (NOTIFY); each reads the rows in order from the table. Call it as
 * the transaction's last write: a sequence number taken long before commit
 * holds back everyone's later events (see LiveHub).
 */
export async function publishLive(tx: Tx, events: readonly LiveEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.liveEvent.createMany({
    data: events.map((e) => ({
      type: e.type,
      workspaceId: e.workspaceId,
      articleId: e.articleId ?? null,
      recipientId: e.recipientId ?? null,
      data: e.data as Prisma.InputJsonValue,
    })),
  });
}
