import { describe, expect, it } from "vitest";
import { createRevisionTextCache } from "./revision-text";

/** A loader over a fixed table that counts its calls per id. */
function fakeLoader(texts: Record<string, string>) {
  const calls: Record<string, number> = {};
  return {
    calls,
    load: async (id: string) => {
      calls[id] = (calls[id] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return texts[id] ?? null;
    },
  };
}

describe("the revision text cache", () => {
  it("loads a text once and serves it from memory afterwards", async () => {
    const loader = fakeLoader({ r1: "first text", r2: "second text" });
    const cache = createRevisionTextCache({ load: loader.load });
    expect(await cache.get("r1")).toBe("first text");
    expect(await cache.get("r1")).toBe("first text");
    expect(await cache.get("r2")).toBe("second text");
    expect(loader.calls).toEqual({ r1: 1, r2: 1 });
    expect(cache.size).toBe("first text".length + "second text".length);
  });

  it("shares one load among concurrent misses of the same revision", async () => {
    const loader = fakeLoader({ r1: "text" });
    const cache = createRevisionTextCache({ load: loader.load });
    const texts = await Promise.all(Array.from({ length: 20 }, () => cache.get("r1")));
    expect(new Set(texts)).toEqual(new Set(["text"]));
    expect(loader.calls.r1).toBe(1);
  });

  it("answers null for an unknown revision and asks again next time", async () => {
    const loader = fakeLoader({});
    const cache = createRevisionTextCache({ load: loader.load });
    expect(await cache.get("nope")).toBeNull();
    expect(await cache.get("nope")).toBeNull();
    expect(loader.calls.nope).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used texts beyond its size, and never keeps one larger than that", async () => {
    const loader = fakeLoader({ a: "aaaa", b: "bbbb", c: "cccc", huge: "x".repeat(11) });
    const cache = createRevisionTextCache({ load: loader.load, maxChars: 10 });
    await cache.get("a");
    await cache.get("b");
    await cache.get("a"); // now b is the least recently used
    await cache.get("c");
    expect(cache.size).toBe(8);
    await cache.get("a");
    await cache.get("c");
    expect(loader.calls).toEqual({ a: 1, b: 1, c: 1 });
    await cache.get("b");
    expect(loader.calls.b).toBe(2);
    expect(await cache.get("huge")).toBe("x".repeat(11));
    expect(cache.size).toBeLessThanOrEqual(10);
    await cache.get("huge");
    expect(loader.calls.huge).toBe(2);
  });

  it("does not remember a failed load", async () => {
    let fail = true;
    const cache = createRevisionTextCache({
      load: async () => {
        if (fail) throw new Error("connection lost");
        return "text";
      },
    });
    await expect(cache.get("r1")).rejects.toThrow("connection lost");
    fail = false;
    expect(await cache.get("r1")).toBe("text");
  });
});
