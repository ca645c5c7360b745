import { describe, expect, it } from "vitest";
import { bratTextMismatch, parseBratAnnotations } from "./brat";

describe("parseBratAnnotations", () => {
  it("reads T lines with notes, status and references", () => {
    const parsed = parseBratAnnotations(
      [
        "T1\tPerson 0 5\tAhmad",
        "T2\tPlace 15 20\tKabul",
        "#1\tAnnotatorNotes T1\tThe commander",
        "A1\tStatus T1 ACCEPTED",
        "N1\tReference T2 Wikidata:Q5838\tKabul",
        "R1\tLocatedIn Arg1:T1 Arg2:T2",
        "#2\tAnnotatorNotes R1\tIn the city",
        "*\tEquiv T2 T1",
        "E1\tAttack:T1",
        "",
      ].join("\n"),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.highlights).toHaveLength(2);
    expect(parsed.highlights[0]).toMatchObject({
      item: 0,
      line: 1,
      sourceId: "T1",
      quote: { exact: "Ahmad" },
      position: { start: 0, end: 5 },
      positionIsExact: true,
      entity: { refs: [], type: "Person", name: "Ahmad" },
      status: "ACCEPTED",
      comments: [{ text: "The commander", line: 3 }],
    });
    expect(parsed.highlights[1].entity).toEqual({ refs: ["Q5838"], type: "Place", name: "Kabul" });
    expect(parsed.relations).toEqual([
      { line: 6, sourceId: "T1", targetId: "T2", type: "LocatedIn", directed: true, note: "In the city" },
      { line: 8, sourceId: "T2", targetId: "T1", type: "Equiv", directed: false },
    ]);
    expect(parsed.skipped).toEqual([{ line: 9, message: expect.stringContaining("events") }]);
  });

  it("refuses relations to T lines the file lacks, and malformed ones", () => {
    const parsed = parseBratAnnotations("T1\tPerson 0 5\tAhmad\nR1\tLeads Arg1:T1 Arg2:T9\nR2\tLeads T1\n");
    expect(parsed.problems).toEqual([
      { line: 2, message: "R1 refers to T9, which is not a T line of this file." },
      { line: 3, message: expect.stringContaining("R<n>") },
    ]);
  });

  it("reads Marginalia's spans across line breaks and its untyped highlights", () => {
    const parsed = parseBratAnnotations(
      "T1\tPerson 0 5;7 12\tAhmad Shah\nT2\tHighlight 7 12\tShah.\nN1\tReference T1 Marginalia:e1\tAhmad Shah\n",
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.highlights[0]).toMatchObject({
      position: { start: 0, end: 12 },
      fragments: [
        { start: 0, end: 5 },
        { start: 7, end: 12 },
      ],
      entity: { refs: ["marginalia:e1"], name: "Ahmad Shah" },
    });
    expect(parsed.highlights[1].entity).toBeUndefined();
  });

  it("keeps tabs inside the span text and reads CRLF files", () => {
    const parsed = parseBratAnnotations("T1\tPerson 0 3\ta\tb\r\n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.highlights[0].quote?.exact).toBe("a\tb");
  });

  it("names the line of every problem", () => {
    const parsed = parseBratAnnotations(
      [
        "T1\tPerson 5 2\tx",
        "T2\tPerson 0 5;3 9\tx y",
        "T3 Person 0 5 Ahmad",
        "#1\tAnnotatorNotes T9\tnothing",
        "X1\twhat",
        "T4\tPerson a b\tx",
      ].join("\n"),
    );
    expect(parsed.highlights).toEqual([]);
    expect(parsed.problems.map((p) => p.line)).toEqual([1, 2, 3, 5, 6, 4]);
    expect(parsed.problems[1].message).toMatch(/in order/);
  });
});

describe("bratTextMismatch", () => {
  it("accepts the same text up to line endings and trailing whitespace", () => {
    expect(bratTextMismatch("One.\n\nTwo.", "One.\r\n\r\nTwo.\n")).toBeNull();
  });

  it("says from which line the .txt differs", () => {
    expect(bratTextMismatch("One.\n\nTwo.", "One.\n\nTwo!")).toMatchObject({ line: 3 });
  });
});
