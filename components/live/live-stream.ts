import type { LiveEventType, LiveMessage } from "@/lib/live/live-event";

/** Every event type a stream may carry (each arrives as a named SSE event). */
export const LIVE_EVENT_TYPES = [
  "annotation.changed",
  "relation.changed",
  "comment.changed",
  "thread.changed",
  "article.revised",
  "notification.created",
  "presence.changed",
  "member.changed",
  "assignment.changed",
] as const satisfies readonly LiveEventType[];

/** Fails to compile when an event type is missing above (its listeners would never hear it). */
export const EVERY_LIVE_EVENT_TYPE_LISTENED: [Exclude<LiveEventType, (typeof LIVE_EVENT_TYPES)[number]>] extends [never]
  ? true
  : never = true;

export type LiveStatus = "connecting" | "live" | "reconnecting";

export type LiveStreamOptions = {
  /** The stream's URL; `lastEventId` (when known) asks the server to replay what came after it. */
  url(lastEventId: string | null): string;
  /** Where to start: the event log's position when the page's data was read (events after it are replayed). */
  since?: string | null;
  onMessage(message: LiveMessage): void;
  /** The server could not replay everything missed: reload the data. */
  onReset(): void;
  onStatus(status: LiveStatus): void;
  onHello(hello: { connectionId: string }): void;
  /** Injected in tests. */
  EventSource?: typeof EventSource;
};

/** Waits before reopening a stream the browser gave up on; the last one repeats. */
const BACKOFF_MS = [500, 1000, 2000, 4000];

/**
 * One Server-Sent Events connection that never delivers an event twice and
 * never skips one: the browser resends `Last-Event-ID` on its own reconnects;
 * when it gives up (the connection failed outright, e.g. while offline), the
 * stream reopens itself with the last id it delivered, and on coming back
 * online it does so at once instead of waiting out the browser's retry delay.
 * Events at or below the last delivered id (a replay overlapping what came
 * live) are dropped.
 */
export class LiveStream {
  private source: EventSource | null = null;
  private lastSeq: bigint | null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly onOnline = () => this.reopen();

  constructor(private readonly options: LiveStreamOptions) {
    this.lastSeq = options.since ? BigInt(options.since) : null;
  }

  /** The id of the last event delivered. */
  get lastEventId(): string | null {
    return this.lastSeq?.toString() ?? null;
  }

  open(): void {
    this.closed = false;
    this.connect("connecting");
    if (typeof window !== "undefined") window.addEventListener("online", this.onOnline);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
  }

  /** Drops the current connection and opens a new one from the last delivered event. */
  reopen(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.connect("reconnecting");
  }

  private connect(status: LiveStatus): void {
    this.source?.close();
    const Source = this.options.EventSource ?? EventSource;
    const source = new Source(this.options.url(this.lastEventId));
    this.source = source;
    this.options.onStatus(status);
    source.addEventListener("hello", (event) => {
      if (source !== this.source) return;
      this.attempts = 0;
      this.options.onHello(JSON.parse((event as MessageEvent<string>).data));
      this.options.onStatus("live");
    });
    source.addEventListener("reset", () => {
      if (source === this.source) this.options.onReset();
    });
    for (const type of LIVE_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (source === this.source) this.deliver((event as MessageEvent<string>).data);
      });
    }
    source.onerror = () => {
      if (source !== this.source || this.closed) return;
      this.options.onStatus("reconnecting");
      // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up.
      if (source.readyState === 2) {
        const delay = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)];
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.reopen(), delay);
      }
    };
  }

  private deliver(data: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    const seq = BigInt(message.seq);
    if (this.lastSeq !== null && seq <= this.lastSeq) return;
    this.lastSeq = seq;
    this.options.onMessage(message);
  }
}
