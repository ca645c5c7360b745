import { describe, expect, it } from "vitest";
import { initials, personColor } from "./avatar";

describe("avatar", () => {
  it("takes the first and last initials", () => {
    expect(initials("Ana Maria Silva")).toBe("AS");
    expect(initials("  zoë ")).toBe("Z");
    expect(initials("Émile Zola")).toBe("ÉZ");
    expect(initials("")).toBe("?");
  });

  it("gives a person the same colour every time", () => {
    expect(personColor("user-1")).toBe(personColor("user-1"));
    expect(personColor("user-1")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
