import { describe, expect, it } from "vitest";
import { bratAnn, bratConf, bratFiles, bratType, splitAtLineBreaks } from "../brat";
import { collectText, isAnchored, sourceOf } from "../types";
import { allBatches } from "./fixtures";

const LINE = {
  T: /^T(\d+)\t([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t([^\t\n]*)$/u,
  A: /^A\d+\tStatus T\d+ (Proposed|Accepted|Rejected)$/,
  N: /^N\d+\tReference T\d+ (Marginalia|Wikidata):[^\s:]+\t[^\t\n]*$/,
  "#": /^#\d+\tAnnotatorNotes T\d+\t[^\t\n]*$/,
};

describe("brat standoff export", () => {
  it("writes the .txt as the canonical text and .ann lines in brat's format whose code-point offsets slice the .txt to the quote", async () => {
    const batches = await allBatches();
    const files = new Map<string, string>();
    for await (const file of bratFiles(sourceOf(batches))) files.set(file.name, await collectText(file.content));

    for (const { article, annotations } of batches) {
      const base = [...files.keys()].find((n) => n.endsWith(`-${article.id}.txt`))!.slice(0, -4);
      const txt = files.get(`${base}.txt`)!;
      expect(txt).toBe(article.text);
      const cps = Array.from(txt);
      const ann = files.get(`${base}.ann`)!;
      expect(ann.endsWith("\n")).toBe(true);
      const lines = ann.slice(0, -1).split("\n");
      for (const line of lines) {
        const kind = line[0] as keyof typeof LINE;
        expect(LINE[kind], line).toBeDefined();
        expect(line).toMatch(LINE[kind]);
      }
      const anchored = annotations.filter((a) => isAnchored(article, a));
      const tLines = lines.filter((l) => l.startsWith("T"));
      expect(tLines).toHaveLength(anchored.length);
      tLines.forEach((line, i) => {
        const [, , , offsets, text] = line.match(LINE.T)!;
        const fragments = offsets.split(";").map((f) => f.split(" ").map(Number));
        // Each fragment's text, joined by a space, is the T line's text.
        expect(fragments.map(([s, e]) => cps.slice(s, e).join("")).join(" ")).toBe(text);
        // From the first start to the last end is exactly the quote.
        expect(cps.slice(fragments[0][0], fragments[fragments.length - 1][1]).join("")).toBe(anchored[i].exact);
      });
      // Status, entity and comments are attached to their T.
      const threaded = anchored.findIndex((a) => a.comments.length === 3);
      if (threaded >= 0) {
        const notes = lines.filter((l) => l.startsWith(`#`) && l.includes(`AnnotatorNotes T${threaded + 1}\t`));
        expect(notes).toHaveLength(3);
        expect(notes[0]).toContain("Is this right? Second line");
      }
    }
    const conf = files.get("annotation.conf")!;
    expect(conf).toMatch(/^\[entities\]\nArmed_group\nHighlight\nPerson\nPlace\n/);
  });

  it("splits spans at line breaks into brat fragments", () => {
    expect(splitAtLineBreaks("ab\n\ncd", 0, 6)).toEqual([
      [0, 2],
      [4, 6],
    ]);
    expect(splitAtLineBreaks("ab\n\ncd", 1, 3)).toEqual([[1, 2]]);
  });

  it("makes type names brat can read", () => {
    expect(bratType("Armed group")).toBe("Armed_group");
    expect(bratType("Org/Company (legal)")).toBe("Org_Company_legal_");
    expect(bratType("  ")).toBe("Entity");
    expect(bratConf(["B", "A", "A"])).toContain("[entities]\nA\nB\n");
    expect(bratAnn("x", [])).toBe("");
  });
});
