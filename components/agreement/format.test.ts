import { describe, expect, it } from "vitest";
import { count, formatFigure, heat } from "./format";

describe("agreement figures as shown", () => {
  it("has three decimals, a true minus and a dash for undefined", () => {
    expect(formatFigure(0.4285714)).toBe("0.429");
    expect(formatFigure(1)).toBe("1.000");
    expect(formatFigure(-0.25)).toBe("−0.250");
    expect(formatFigure(-0.0002)).toBe("0.000");
    expect(formatFigure(null)).toBe("—");
  });

  it("counts units in words", () => {
    expect(count(1, "span")).toBe("1 span");
    expect(count(1234, "token")).toBe("1,234 tokens");
  });

  it("tints by size and sign, none for undefined", () => {
    expect(heat(null)).toBeUndefined();
    expect(heat(1)).toBe("color-mix(in srgb, var(--accent) 28%, var(--surface))");
    expect(heat(-0.5)).toBe("color-mix(in srgb, var(--danger) 14%, var(--surface))");
  });
});
