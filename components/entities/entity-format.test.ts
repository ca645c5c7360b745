import { describe, expect, it } from "vitest";
import { contextTruncation, externalHref, parseAliases } from "./entity-format";

describe("externalHref", () => {
  it("links a Wikidata id to its page", () => {
    expect(externalHref("Q42")).toBe("https://www.wikidata.org/wiki/Q42");
  });

  it("links http(s) URLs and nothing else", () => {
    expect(externalHref("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
    expect(externalHref("http://example.org")).toBe("http://example.org/");
    expect(externalHref("javascript:alert(1)")).toBeNull();
    expect(externalHref("JavaScript:alert(1)")).toBeNull();
    expect(externalHref("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(externalHref("q42")).toBeNull();
    expect(externalHref("not a url")).toBeNull();
    expect(externalHref("")).toBeNull();
    expect(externalHref(null)).toBeNull();
  });
});

describe("parseAliases", () => {
  it("takes one alias per line, trimmed, without blanks, duplicates or the name itself", () => {
    expect(parseAliases(" Massoud \n\nAhmad Shah Massoud\r\nMassoud\nAhmad Massoud\n", "Ahmad Massoud")).toEqual([
      "Massoud",
      "Ahmad Shah Massoud",
    ]);
  });

  it("keeps commas inside an alias", () => {
    expect(parseAliases("Washington, D.C.", "Washington")).toEqual(["Washington, D.C."]);
  });
});

describe("contextTruncation", () => {
  it("marks a side as cut only when the text goes on beyond the stored context", () => {
    expect(contextTruncation({ prefix: "The ", suffix: " said.", start: 4 })).toEqual({ before: false, after: false });
    expect(contextTruncation({ prefix: "x".repeat(32), suffix: "y".repeat(32), start: 100 })).toEqual({
      before: true,
      after: true,
    });
  });
});
