import { describe, expect, it } from "vitest";
import { createLru } from "./lru";

describe("createLru", () => {
  it("forgets the least recently used entries beyond its maximum weight", () => {
    const lru = createLru<string, number>({ maxWeight: 2 });
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.weight).toBe(2);
  });

  it("weighs entries as told, replaces a key's entry, and keeps none heavier than the maximum", () => {
    const lru = createLru<string, string>({ maxWeight: 10, weigh: (s) => s.length });
    lru.set("a", "aaaa");
    lru.set("a", "aaaaaa");
    expect(lru.weight).toBe(6);
    lru.set("b", "bbbb");
    expect(lru.weight).toBe(10);
    lru.set("c", "c");
    expect(lru.get("a")).toBeUndefined();
    expect(lru.weight).toBe(5);
    lru.set("huge", "x".repeat(11));
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.get("b")).toBe("bbbb");
    lru.clear();
    expect(lru.weight).toBe(0);
    expect(lru.get("b")).toBeUndefined();
  });
});
