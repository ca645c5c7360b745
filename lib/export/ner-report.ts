import { snapToWords } from "./conll";
import { articlePages, isAnchored, type ExportSource, type SpanOptions } from "./types";

/**
 * What an NER export (CoNLL, spaCy, doccano) of `source` does beyond copying
 * spans: `exported` spans, `untaggedLeftOut` highlights without an entity left
 * out (no `untaggedLabel`), and — CoNLL only, the one format that tokenizes —
 * `widenedToWords` spans that started or ended inside a word and were
 * exported at that word's edges.
 */
export type NerExportReport = { exported: number; untaggedLeftOut: number; widenedToWords: number };

export async function nerExportReport(
  source: ExportSource,
  format: "conll" | "spacy" | "jsonl",
  options: SpanOptions = {},
): Promise<NerExportReport> {
  const report: NerExportReport = { exported: 0, untaggedLeftOut: 0, widenedToWords: 0 };
  const label = options.untaggedLabel?.trim();
  for await (const { article, pages } of articlePages(source)) {
    const spans: { start: number; end: number }[] = [];
    for await (const page of pages) {
      for (const a of page) {
        if (!isAnchored(article, a)) continue;
        if (!a.entity && !label) report.untaggedLeftOut++;
        else spans.push({ start: a.start, end: a.end });
      }
    }
    report.exported += spans.length;
    if (format === "conll") report.widenedToWords += snapToWords(article.text, spans).adjusted;
  }
  return report;
}
