import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { LiveMessage } from "@/lib/live/live-event";
import { closeOnShutdown } from "@/lib/server/live/close-streams-on-shutdown";
import { liveHub } from "@/lib/server/live/live-hub";
import { joinPresence, leavePresence, touchPresence } from "@/lib/server/live/presence";
import { isBlind, visibleAnnotationIds, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { canSeeRelation } from "@/lib/server/relations/relation-visibility";

/** A comment line keeps proxies from closing an idle stream, and refreshes presence. */
const KEEPALIVE_MS = 15_000;
/** At most this many missed events are replayed; a client further behind reloads. */
const MAX_REPLAY = 5_000;

type StreamOptions = {
  workspaceId: string;
  userId: string;
  /** Only this article's events (plus the workspace's and the user's own); null: the whole workspace. */
  articleId: string | null;
  /** The last event the client has (`Last-Event-ID`); null for a fresh start. */
  lastEventId: bigint | null;
  signal: AbortSignal;
  /**
   * Whether the subscriber may still listen (session still valid, still a
   * member). Asked when their membership changes and with every keepalive.
   */
  stillAllowed: () => Promise<boolean>;
  /**
   * Whose annotations the subscriber may hear about (the blind-annotation
   * rule): asked once, and again after their membership or one of their
   * assignments changed.
   */
  visibility: () => Promise<AnnotationVisibility>;
};

/** Events about annotations (or their threads), screened by the blind-annotation rule. */
const ANNOTATION_EVENTS = new Set<LiveMessage["type"]>(["annotation.changed", "comment.changed", "thread.changed"]);

function annotationIdsOf(m: LiveMessage): string[] {
  if (m.type === "annotation.changed") return (m as LiveMessage<"annotation.changed">).data.annotationIds;
  const { annotationId } = (m as LiveMessage<"comment.changed" | "thread.changed">).data;
  return annotationId ? [annotationId] : [];
}

/** The relation whose thread a comment or thread event is about, if it is one. */
function threadRelationIdOf(m: LiveMessage): string | null {
  if (m.type !== "comment.changed" && m.type !== "thread.changed") return null;
  return (m as LiveMessage<"comment.changed" | "thread.changed">).data.relationId ?? null;
}

/**
 * Whether a blind viewer may hear of one of their notifications: not when it
 * is about someone else's annotation on an article they annotate blind (a
 * mention in a thread they cannot see), as findNotifications leaves it out.
 */
async function canSeeNotification(visibility: AnnotationVisibility, notificationId: string): Promise<boolean> {
  const notification = await db.notification.findUnique({
    where: { id: notificationId },
    select: { articleId: true, annotationId: true, relationId: true },
  });
  if (notification?.relationId) return (await visibleRelationIds(visibility, [notification.relationId])).length > 0;
  if (!notification?.annotationId) return true;
  return (await visibleAnnotationIds(visibility, notification.articleId, [notification.annotationId])).length > 0;
}

/** Of `relationIds`, the ones a blind viewer may hear about (see relation-visibility). */
async function visibleRelationIds(visibility: AnnotationVisibility, relationIds: readonly string[]): Promise<string[]> {
  const rows = await db.relation.findMany({
    where: { id: { in: [...relationIds] } },
    select: {
      id: true,
      articleId: true,
      authorId: true,
      source: { select: { authorId: true } },
      target: { select: { authorId: true } },
    },
  });
  const visible = new Set(rows.filter((r) => canSeeRelation(visibility, r)).map((r) => r.id));
  return relationIds.filter((id) => visible.has(id));
}

const encoder = new TextEncoder();

function frame(message: Pick<LiveMessage, "seq" | "type"> & Record<string, unknown>): Uint8Array {
  return encoder.encode(`id: ${message.seq}\nevent: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`);
}

/**
 * A Server-Sent Events stream of a workspace's live events for one member:
 * first what they missed since `lastEventId` (from the persisted log), then
 * everything new, in sequence order, each exactly once. Access is checked
 * again whenever the membership changes and with every keepalive: a removed
 * member's (or a signed-out session's) stream ends.
 */
export function openEventStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const { workspaceId, userId, articleId, signal } = options;
  const hub = liveHub();
  const connectionId = newId();
  let cleanup: (() => void) | null = null;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let sentUpTo = options.lastEventId ?? BigInt(0);
      let live = false;
      const pending: LiveMessage[] = [];

      const close = () => {
        if (closed) return;
        closed = true;
        cleanup?.();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      const wanted = (m: LiveMessage & { recipientId: string | null }) =>
        m.workspaceId === workspaceId &&
        (m.recipientId === null || m.recipientId === userId) &&
        (articleId === null || m.articleId === null || m.articleId === articleId);
      let visibility: Promise<AnnotationVisibility> | null = null;
      /** What of `m` the subscriber may receive: all of it, the annotations they may see, or nothing. */
      const screen = async (m: LiveMessage): Promise<LiveMessage | null> => {
        if (
          (m.type === "member.changed" && (m.data as { userId: string }).userId === userId) ||
          m.type === "assignment.changed"
        ) {
          visibility = null;
        }
        if (m.type === "notification.created") {
          visibility ??= options.visibility();
          const current = await visibility;
          if (!isBlind(current)) return m;
          return (await canSeeNotification(current, (m as LiveMessage<"notification.created">).data.notificationId))
            ? m
            : null;
        }
        if (m.type === "relation.changed") {
          visibility ??= options.visibility();
          const current = await visibility;
          if (!isBlind(current, m.articleId)) return m;
          const ids = (m as LiveMessage<"relation.changed">).data.relationIds;
          const visible = await visibleRelationIds(current, ids);
          return visible.length ? { ...m, data: { relationIds: visible } } : null;
        }
        if (!ANNOTATION_EVENTS.has(m.type)) return m;
        visibility ??= options.visibility();
        const current = await visibility;
        if (!isBlind(current, m.articleId)) return m;
        const relationId = threadRelationIdOf(m);
        if (relationId) return (await visibleRelationIds(current, [relationId])).length ? m : null;
        const visible = await visibleAnnotationIds(current, m.articleId, annotationIdsOf(m));
        if (!visible.length) return null;
        return m.type === "annotation.changed" ? { ...m, data: { annotationIds: visible } } : m;
      };
      // Screening may query the database: a chain keeps events in sequence order.
      let chain: Promise<void> = Promise.resolve();
      const deliver = (m: LiveMessage) => {
        chain = chain.then(async () => {
          if (closed || BigInt(m.seq) <= sentUpTo) return;
          let screened: LiveMessage | null;
          try {
            screened = await screen(m);
          } catch (err) {
            // Never let an event through unscreened: the client reconnects and replays from its last id.
            console.error("Live updates: screening an event failed", err);
            visibility = null;
            close();
            return;
          }
          if (screened) send(screened);
        });
        return chain;
      };
      const send = (m: LiveMessage) => {
        if (closed || BigInt(m.seq) <= sentUpTo) return;
        sentUpTo = BigInt(m.seq);
        controller.enqueue(frame(m));
        if (m.type === "member.changed" && (m.data as { userId: string }).userId === userId) void recheckMembership();
      };
      const recheckMembership = async () => {
        if (!(await options.stillAllowed().catch(() => false))) close();
      };

      const unsubscribe = hub.subscribe((m) => {
        if (!wanted(m)) return;
        if (live) void deliver(m);
        else pending.push(m);
      });
      const keepalive = setInterval(() => {
        if (closed) return;
        controller.enqueue(encoder.encode(": keepalive\n\n"));
        if (articleId) void touchPresence(connectionId);
        void recheckMembership();
      }, KEEPALIVE_MS);
      const unregister = closeOnShutdown({ controller, close });
      cleanup = () => {
        unregister();
        unsubscribe();
        clearInterval(keepalive);
        signal.removeEventListener("abort", close);
        if (articleId) void leavePresence({ connectionId, workspaceId, articleId });
      };
      signal.addEventListener("abort", close);

      try {
        const horizon = await hub.currentHorizon();
        controller.enqueue(
          encoder.encode(`event: hello\ndata: ${JSON.stringify({ connectionId, horizon: horizon.toString() })}\n\n`),
        );
        if (options.lastEventId !== null) {
          const missed = await db.liveEvent.findMany({
            where: {
              workspaceId,
              seq: { gt: options.lastEventId, lte: horizon },
              OR: [{ recipientId: null }, { recipientId: userId }],
              ...(articleId ? { AND: [{ OR: [{ articleId: null }, { articleId }] }] } : {}),
            },
            orderBy: { seq: "asc" },
            take: MAX_REPLAY + 1,
          });
          if (missed.length > MAX_REPLAY) {
            // With an id, so a browser that reconnects after reloading resumes from here.
            controller.enqueue(encoder.encode(`id: ${horizon}\nevent: reset\ndata: {}\n\n`));
            sentUpTo = horizon;
          } else {
            for (const e of missed) {
              void deliver({
                seq: e.seq.toString(),
                type: e.type as LiveMessage["type"],
                workspaceId: e.workspaceId,
                articleId: e.articleId,
                data: e.data as LiveMessage["data"],
              });
            }
          }
        }
        await chain;
        if (sentUpTo < horizon) sentUpTo = horizon;
        live = true;
        for (const m of pending.splice(0)) void deliver(m);
        if (articleId) await joinPresence({ connectionId, userId, workspaceId, articleId });
      } catch (err) {
        console.error("Live updates: opening a stream failed", err);
        close();
      }
    },
    cancel() {
      cleanup?.();
    },
  });
}
