import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("has cuid2's shape: 24 characters, a lowercase letter then base-36 digits", () => {
    for (let i = 0; i < 1000; i++) expect(newId()).toMatch(/^[a-z][0-9a-z]{23}$/);
  });

  it("does not repeat, and uses every character about equally often", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(1)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (ids.length * 23) / 36;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});
