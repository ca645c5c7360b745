import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { agreementReport, pairFigures } from "@/lib/agreement";
import { PairMatrices } from "./agreement-matrix";
import { BLOCK, blockIndices } from "./block-picker";

const text = "Angela Merkel visited New York City today with Olaf Scholz";
const shapes = [
  [{ start: 0, end: 13, label: "PER" }],
  [
    { start: 0, end: 13, label: "PER" },
    { start: 22, end: 35, label: "LOC" },
  ],
  [{ start: 47, end: 58, label: "PER" }],
];

function render(n: number) {
  const annotators = Array.from({ length: n }, (_, i) => ({ annotator: `id${i}`, spans: shapes[i % shapes.length] }));
  const report = agreementReport(text, annotators, { pairLabels: [] });
  const analysts = annotators.map((a, i) => ({ id: a.annotator, name: `Analyst ${i + 1}` }));
  const html = renderToStaticMarkup(
    createElement(PairMatrices, { figures: pairFigures(report, null), analysts, scopeName: "all types" }),
  );
  return { html, report };
}

const cells = (html: string) => html.match(/<td data-a="/g)?.length ?? 0;

describe("PairMatrices", () => {
  it("renders every pair with few analysts, and no block picker", () => {
    const { html, report } = render(5);
    expect(cells(html)).toBe(3 * 5 * 4);
    expect(html).not.toContain("agr-blocks");
    // The cell of analysts 2 and 1 carries the report's exact F1.
    const f1 = report.spans.exact.cells[1][0]!.overall.f1;
    expect(html).toContain(`data-a="id1" data-b="id0"`);
    expect(html).toMatch(new RegExp(`data-a="id1" data-b="id0"[^>]*><span class="agr-value" data-value="${f1}"`));
  });

  it("renders one block of rows × columns with many analysts, with buttons for every block", () => {
    const { html } = render(45);
    // The first block: analysts 1–20 against 1–20, minus the diagonal, in each of the three matrices.
    expect(cells(html)).toBe(3 * (BLOCK * BLOCK - BLOCK));
    expect(html).not.toContain(`data-a="id20"`);
    for (const group of ["Rows (analysts)", "Columns (analysts)"]) expect(html).toContain(`aria-label="${group}"`);
    expect(html.match(/>1–20</g)).toHaveLength(2);
    expect(html.match(/>21–40</g)).toHaveLength(2);
    expect(html.match(/>41–45</g)).toHaveLength(2);
  });

  it("cuts blocks at the last analyst", () => {
    expect(blockIndices(40, 45)).toEqual([40, 41, 42, 43, 44]);
    expect(blockIndices(0, 3)).toEqual([0, 1, 2]);
  });
});
