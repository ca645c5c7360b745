import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./sign-in";

describe("safeCallbackUrl", () => {
  it("keeps a same-origin path with its whole query and fragment", () => {
    expect(safeCallbackUrl("/w/ws1/articles/a1?annotation=an1&comment=c1")).toBe(
      "/w/ws1/articles/a1?annotation=an1&comment=c1",
    );
    expect(safeCallbackUrl("/w/ws1/entities/network?entity=e1#passages")).toBe(
      "/w/ws1/entities/network?entity=e1#passages",
    );
    expect(safeCallbackUrl("http://localhost:3600/w/ws1/review?status=PROPOSED", "http://localhost:3600")).toBe(
      "/w/ws1/review?status=PROPOSED",
    );
  });

  it("refuses anything a browser would take to another origin", () => {
    for (const raw of [
      "//evil.example/w/1",
      "/\\evil.example",
      "/\\/evil.example",
      "https://evil.example/w/1",
      "javascript:alert(1)",
      "/\t/evil.example",
      "w/1",
      "",
      null,
    ]) {
      expect(safeCallbackUrl(raw, "http://localhost:3600"), String(raw)).toBe("/");
    }
    expect(safeCallbackUrl("http://localhost:3601/w/1", "http://localhost:3600")).toBe("/");
  });
});
