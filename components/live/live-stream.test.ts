import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveMessage } from "@/lib/live/live-event";
import { LiveStream, type LiveStatus } from "./live-stream";

/** A scriptable EventSource. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    for (const l of this.listeners.get(type) ?? []) l({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.();
  }
}

const event = (seq: number): LiveMessage => ({
  seq: String(seq),
  type: "comment.changed",
  workspaceId: "w",
  articleId: "a",
  data: { annotationId: "x", relationId: null, commentId: `c${seq}` },
});

function setup(since: string | null = null) {
  FakeSource.all = [];
  const received: string[] = [];
  const statuses: LiveStatus[] = [];
  const resets = vi.fn();
  const stream = new LiveStream({
    url: (last) => `/events${last ? `?lastEventId=${last}` : ""}`,
    since,
    onMessage: (m) => received.push(m.seq),
    onReset: resets,
    onStatus: (s) => statuses.push(s),
    onHello: () => {},
    EventSource: FakeSource as unknown as typeof EventSource,
  });
  stream.open();
  return { stream, received, statuses, resets, source: () => FakeSource.all[FakeSource.all.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("LiveStream", () => {
  it("starts from `since` and reports connecting, then live", () => {
    const { source, statuses } = setup("41");
    expect(source().url).toBe("/events?lastEventId=41");
    source().emit("hello", { connectionId: "c", horizon: "50" });
    expect(statuses).toEqual(["connecting", "live"]);
  });

  it("delivers each event once, dropping replays it already delivered", () => {
    const { source, received } = setup();
    for (const seq of [1, 2, 2, 3, 1]) source().emit("comment.changed", event(seq));
    expect(received).toEqual(["1", "2", "3"]);
  });

  it("reopens from the last delivered event when the browser gives up, and dedupes the overlap", async () => {
    const { source, received, statuses } = setup();
    source().emit("hello", { connectionId: "c1", horizon: "0" });
    source().emit("comment.changed", event(7));
    source().fail(2);
    expect(statuses.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(600);
    expect(source().url).toBe("/events?lastEventId=7");
    source().emit("hello", { connectionId: "c2", horizon: "9" });
    for (const seq of [7, 8, 9]) source().emit("comment.changed", event(seq));
    expect(received).toEqual(["7", "8", "9"]);
    expect(statuses.at(-1)).toBe("live");
  });

  it("leaves retries to the browser while it is still trying", async () => {
    const { source } = setup();
    source().fail(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSource.all).toHaveLength(1);
  });

  it("ignores a closed connection's late events, and reports resets", () => {
    const { stream, source, received, resets } = setup();
    const first = source();
    stream.reopen();
    first.emit("comment.changed", event(1));
    expect(received).toEqual([]);
    source().emit("reset", {});
    expect(resets).toHaveBeenCalledTimes(1);
    stream.close();
    expect(source().readyState).toBe(2);
  });
});
