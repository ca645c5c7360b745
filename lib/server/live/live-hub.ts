import "server-only";
import createSubscriber, { type Subscriber } from "pg-listen";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LiveEventType, LiveMessage } from "@/lib/live/live-event";
import { logger } from "@/lib/observability/logger.mjs";
import { onStop } from "@/lib/observability/lifecycle.mjs";
import { metrics } from "@/lib/observability/metrics.mjs";
import { PRESENCE_TIMEOUT_MS } from "@/lib/server/live/presence";

/** The NOTIFY channel the `LiveEvent` insert trigger signals. */
export const LIVE_CHANNEL = "marginalia_live";

/**
 * How long a hole in the sequence may hold back later events. Holes come
 * from transactions that took a number and have not committed yet (they fill
 * within milliseconds) or never will (rolled back): after this long, the hole
 * is passed over.
 */
const GAP_GRACE_MS = 1500;
/** Reads also run on this timer: the safety net under NOTIFY, and the transport where LISTEN is unavailable (a pooler in transaction mode). */
const POLL_MS = { listen: 2000, poll: 150 };
const BATCH = 1000;
/** Replay reaches back this far; older events are pruned (a client further behind reloads). */
const KEEP_EVENTS_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
const HOLE_RECHECK_MS = 25;

export type LiveListener = (message: LiveMessage & { recipientId: string | null }) => void;

type Row = {
  seq: bigint;
  workspaceId: string;
  articleId: string | null;
  recipientId: string | null;
  type: string;
  data: unknown;
  createdAt: Date;
};

/**
 * One per app instance: follows the `LiveEvent` table in sequence order and
 * hands each event to the in-process listeners (the open event streams).
 * NOTIFY on one connection wakes it at once; behind a pooler in transaction
 * mode, where a LISTEN does not stay on one session, it polls instead
 * (`MARGINALIA_LIVE_TRANSPORT=poll`). Every instance reads the same table, so
 * any number of instances see the same events in the same order.
 */
export class LiveHub {
  private listeners = new Set<LiveListener>();
  /** Every event up to here has been delivered (or its hole passed over). */
  private horizon: bigint | null = null;
  private starting: Promise<void> | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private gapSince: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  private subscriber: Subscriber | null = null;
  /** Whether the LISTEN connection is up (between pg-listen's `connected` and its next `reconnect` or `error`). */
  private listening = false;

  private readonly db: PrismaClient;

  constructor(
    private readonly options: {
      transport: "listen" | "poll";
      databaseUrl?: string;
      /** The database to follow (default: the app's). */
      client?: PrismaClient;
    },
  ) {
    this.db = options.client ?? db;
  }

  /** Starts following the log (once); resolves when the hub knows where the log ends. */
  ready(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  /** The highest sequence number delivered so far. */
  async currentHorizon(): Promise<bigint> {
    await this.ready();
    return this.horizon!;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    void this.ready();
    return () => this.listeners.delete(listener);
  }

  /** Reads new events now (also called on NOTIFY and by the timer). */
  wake(): void {
    if (this.horizon === null) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readLoop().finally(() => (this.reading = null));
  }

  /**
   * Whether this hub follows the log: started, and with the `listen` transport its LISTEN
   * connection up (it reconnects by itself; the timer's reads go on meanwhile, late by up to 2 s).
   */
  status(): { transport: "listen" | "poll"; started: boolean; connected: boolean } {
    const started = this.timer !== null;
    const listens = this.options.transport === "listen" && Boolean(this.options.databaseUrl);
    return { transport: this.options.transport, started, connected: started && (!listens || this.listening) };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.timer = this.pruneTimer = null;
    await this.subscriber?.close().catch(() => undefined);
    this.subscriber = null;
  }

  private async start(): Promise<void> {
    const [{ max }] = await this.db.$queryRaw<{ max: bigint | null }[]>`SELECT max("seq") AS max FROM "LiveEvent"`;
    this.horizon = max ?? BigInt(0);
    if (this.options.transport === "listen" && this.options.databaseUrl) {
      const subscriber = createSubscriber(
        { connectionString: this.options.databaseUrl },
        { parse: (payload: string) => payload, retryLimit: Infinity, retryTimeout: Infinity },
      );
      subscriber.notifications.on(LIVE_CHANNEL, () => this.wake());
      // After a reconnect, events may have been written while nobody listened.
      subscriber.events.on("connected", () => {
        this.listening = true;
        this.wake();
      });
      subscriber.events.on("reconnect", () => (this.listening = false));
      subscriber.events.on("error", (err) => {
        this.listening = false;
        logger().error({ err }, "Live updates: the LISTEN connection failed");
      });
      await subscriber.connect();
      await subscriber.listenTo(LIVE_CHANNEL);
      this.listening = true;
      this.subscriber = subscriber;
    }
    this.timer = setInterval(() => this.wake(), POLL_MS[this.options.transport]);
    this.timer.unref?.();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  /** Drops events older than replay reaches, and presence of connections whose instance died. */
  private async prune(): Promise<void> {
    try {
      await this.db.liveEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_EVENTS_MS) } } });
      await this.db.presence.deleteMany({ where: { seenAt: { lt: new Date(Date.now() - PRESENCE_TIMEOUT_MS) } } });
    } catch (err) {
      console.error("Live updates: pruning failed", err);
    }
  }

  private async readLoop(): Promise<void> {
    do {
      this.readAgain = false;
      try {
        await this.readOnce();
      } catch (err) {
        console.error("Live updates: reading the event log failed", err);
        return;
      }
    } while (this.readAgain);
  }

  private async readOnce(): Promise<void> {
    for (;;) {
      const rows = await this.db.$queryRaw<Row[]>`
        SELECT "seq", "workspaceId", "articleId", "recipientId", "type", "data", "createdAt"
        FROM "LiveEvent" WHERE "seq" > ${this.horizon} ORDER BY "seq" LIMIT ${BATCH}`;
      for (const row of rows) {
        if (row.seq !== this.horizon! + BigInt(1) && !this.passHole()) {
          // A hole: look again shortly, until it fills or has waited long enough.
          setTimeout(() => this.wake(), HOLE_RECHECK_MS).unref?.();
          return;
        }
        this.gapSince = null;
        this.horizon = row.seq;
        this.deliver(row);
      }
      if (rows.length < BATCH) return;
    }
  }

  /** Whether the hole before the next row has waited long enough to be passed over. */
  private passHole(): boolean {
    const now = Date.now();
    this.gapSince ??= now;
    return now - this.gapSince >= GAP_GRACE_MS;
  }

  private deliver(row: Row): void {
    metrics().liveDeliveryLag.observe(Math.max(0, Date.now() - row.createdAt.getTime()) / 1000);
    const message = {
      seq: row.seq.toString(),
      type: row.type as LiveEventType,
      workspaceId: row.workspaceId,
      articleId: row.articleId,
      recipientId: row.recipientId,
      data: row.data,
    } as LiveMessage & { recipientId: string | null };
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        console.error("Live updates: a listener failed", err);
      }
    }
  }
}

const globalForHub = globalThis as unknown as { liveHub?: LiveHub };

/** This process's hub. */
export function liveHub(): LiveHub {
  globalForHub.liveHub ??= new LiveHub({
    transport: process.env.MARGINALIA_LIVE_TRANSPORT === "poll" ? "poll" : "listen",
    databaseUrl: process.env.DATABASE_URL,
  });
  const hub = globalForHub.liveHub;
  onStop("live-hub", () => hub.close());
  return hub;
}
