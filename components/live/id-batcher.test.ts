import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdBatcher } from "./id-batcher";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("IdBatcher", () => {
  it("sends the ids of 50 ms in one call, each once", async () => {
    const run = vi.fn(async () => {});
    const batcher = new IdBatcher(run, { delayMs: 50 });
    batcher.add(["a", "b"]);
    await vi.advanceTimersByTimeAsync(20);
    batcher.add(["b", "c"]);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(40);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(["a", "b", "c"]);
  });

  it("runs one request at a time; ids arriving meanwhile go in the next", async () => {
    let release!: () => void;
    const run = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const batcher = new IdBatcher(run, { delayMs: 10 });
    batcher.add(["a"]);
    await vi.advanceTimersByTimeAsync(10);
    batcher.add(["b"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(2);
    expect(run).toHaveBeenLastCalledWith(["b"]);
  });

  it("splits large batches into chunks and retries a failed one later", async () => {
    let offline = true;
    const run = vi.fn(async (ids: string[]) => {
      if (ids[0] === "0" && offline) throw new Error("offline");
    });
    const batcher = new IdBatcher(run, { delayMs: 1, chunk: 2 });
    batcher.add(["0", "1", "2", "3", "4"]);
    await vi.advanceTimersByTimeAsync(5);
    expect(run.mock.calls.map(([ids]) => ids)).toEqual([["0", "1"], ["2", "3"], ["4"]]);
    await vi.advanceTimersByTimeAsync(1001);
    expect(run).toHaveBeenCalledTimes(4);
    offline = false;
    await vi.advanceTimersByTimeAsync(2001);
    expect(run).toHaveBeenCalledTimes(5);
    expect(run).toHaveBeenLastCalledWith(["0", "1"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(5);
  });

  it("does nothing after dispose", async () => {
    const run = vi.fn(async () => {});
    const batcher = new IdBatcher(run, { delayMs: 1 });
    batcher.add(["a"]);
    batcher.dispose();
    await vi.advanceTimersByTimeAsync(10);
    expect(run).not.toHaveBeenCalled();
  });
});

describe("IdBatcher when retries fail", () => {
  it("says it is out of sync after the last retry, and resyncs every id not applied on resync()", async () => {
    let failing = true;
    const run = vi.fn(async () => {
      if (failing) throw new Error("500");
    });
    const changes: boolean[] = [];
    const batcher = new IdBatcher(run, {
      delayMs: 1,
      retryDelaysMs: [100, 200],
      onSyncChange: (inSync) => changes.push(inSync),
    });
    batcher.add(["a"]);
    await vi.advanceTimersByTimeAsync(2);
    await vi.advanceTimersByTimeAsync(101);
    expect(changes).toEqual([]);
    await vi.advanceTimersByTimeAsync(202);
    expect(run).toHaveBeenCalledTimes(3);
    expect(changes).toEqual([false]);
    // No more retries by itself…
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(3);
    // …until the stream reconnects: everything not applied is asked for again.
    failing = false;
    batcher.resync();
    await vi.advanceTimersByTimeAsync(2);
    expect(run).toHaveBeenLastCalledWith(["a"]);
    expect(changes).toEqual([false, true]);
  });

  it("carries the ids not applied yet with the next event's", async () => {
    let failing = true;
    const run = vi.fn(async () => {
      if (failing) throw new Error("offline");
    });
    const changes: boolean[] = [];
    const batcher = new IdBatcher(run, { delayMs: 1, retryDelaysMs: [], onSyncChange: (s) => changes.push(s) });
    batcher.add(["a"]);
    await vi.advanceTimersByTimeAsync(2);
    expect(changes).toEqual([false]);
    failing = false;
    batcher.add(["b"]);
    await vi.advanceTimersByTimeAsync(2);
    expect(run).toHaveBeenLastCalledWith(["b", "a"]);
    expect(changes).toEqual([false, true]);
  });
});
