import { describe, expect, it } from "vitest";
import { REPORT_CSV_HEADER, agreementReport, agreementReportToCsv } from "./report";
import { spanAgreement } from "./spans";
import { tokenAgreement } from "./tokens";

const text = "Angela Merkel visited New York City today with Olaf Scholz";
const annotators = [
  {
    annotator: "ann",
    spans: [
      { start: 0, end: 13, label: "PER" },
      { start: 22, end: 35, label: 'Place, "GPE"' },
    ],
  },
  {
    annotator: "bob",
    spans: [
      { start: 0, end: 13, label: "PER" },
      { start: 47, end: 58, label: "PER" },
    ],
  },
  { annotator: "cyd", spans: [{ start: 7, end: 13, label: "PER" }] },
];

describe("agreementReport", () => {
  const report = agreementReport(text, annotators);

  it("holds the figures of the unit-tested functions", () => {
    expect(report.annotators).toEqual(["ann", "bob", "cyd"]);
    expect(report.spans.exact.cells[0][1]!.overall).toEqual(
      spanAgreement(annotators[0].spans, annotators[1].spans, { mode: "exact" }).overall,
    );
    expect(report.tokens).toEqual(tokenAgreement(text, annotators));
    expect(report.tokenPairs.cells[0][2]!.overall.units).toBe(10);
  });

  it("exports one CSV record per figure with RFC 4180 quoting", () => {
    const csv = agreementReportToCsv(report);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(REPORT_CSV_HEADER.join(","));
    expect(csv.endsWith("\r\n")).toBe(true);
    // 3 pairs × 2 modes × (overall + 2 labels) span rows, 3 × 3 Cohen rows, 3 Fleiss, 3 alpha.
    expect(lines.length - 2).toBe(18 + 9 + 3 + 3);
    expect(csv).toContain('span,f1_exact,label,"Place, ""GPE""",ann,bob,0,1,0,1,0,,0,0,,,,,\r\n');
    expect(csv).toContain("span,f1_exact,overall,,ann,bob,0.5,3,1,1,1,0.5,0.5,0.5,,,,,\r\n");
    const fleiss = lines.find((l) => l.startsWith("token,fleiss_kappa,overall"))!;
    expect(fleiss.split(",")[6]).toBe(String(report.tokens.overall.fleiss.value));
  });

  it("writes undefined figures as empty fields with their reason", () => {
    const csv = agreementReportToCsv(agreementReport(text, [{ annotator: "solo", spans: [] }]));
    expect(csv).toContain("token,fleiss_kappa,overall,,,,,10,,,,,,,,,,,single-annotator\r\n");
  });
});
