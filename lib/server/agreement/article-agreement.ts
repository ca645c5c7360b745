import "server-only";
import { REPORT_CSV_HEADER, agreementReport, agreementReportToCsv, toCsv, type AgreementReport } from "@/lib/agreement";
import { agreementSpans, outsideLabel } from "@/lib/curation/article-spans";
import { findArticleAnnotations, type ArticleAnnotations } from "./find-article-annotations";

export type AgreementUnits = "all" | "annotated";

export type ArticleAgreement = Omit<ArticleAnnotations, "annotations" | "article"> & {
  article: Omit<ArticleAnnotations["article"], "text">;
  units: AgreementUnits;
  /** The label of tokens nobody annotated. */
  outside: string;
  /** The figures between the analysts (ids in `report.annotators`), or null with fewer than two. */
  report: AgreementReport | null;
};

/**
 * Agreement between analysts on an article's current text, computed by
 * `agreementReport` (lib/agreement) from the stored annotations: span
 * precision/recall/F1 per pair (exact and overlap) and token-level Cohen,
 * Fleiss and Krippendorff, per entity type and overall. Labels are entity
 * type names. With fewer than two analysts there is no report.
 */
export async function findArticleAgreement(options: {
  workspaceId: string;
  articleId: string;
  analystIds?: readonly string[];
  units?: AgreementUnits;
}): Promise<ArticleAgreement> {
  const units = options.units ?? "all";
  const { article, annotators, analysts, annotations } = await findArticleAnnotations(options);
  const spans = agreementSpans(
    annotations,
    analysts.map((a) => a.id),
  );
  const outside = outsideLabel(spans);
  const { text, ...head } = article;
  return {
    article: head,
    annotators,
    analysts,
    units,
    outside,
    report: analysts.length >= 2 ? agreementReport(text, spans, { units, outside }) : null,
  };
}

/** The figures as CSV (`agreementReportToCsv`), analysts named rather than by id; only the header without a report. */
export function articleAgreementCsv(agreement: ArticleAgreement): string {
  if (!agreement.report) return toCsv(REPORT_CSV_HEADER, []);
  const names = displayNames(agreement.analysts);
  return agreementReportToCsv({
    ...agreement.report,
    annotators: agreement.report.annotators.map((id) => names.get(id)!),
  });
}

/** Names, with a number after repeated ones so that every analyst stays distinct. */
export function displayNames(analysts: readonly { id: string; name: string }[]): Map<string, string> {
  const seen = new Map<string, number>();
  return new Map(
    analysts.map((a) => {
      const n = (seen.get(a.name) ?? 0) + 1;
      seen.set(a.name, n);
      return [a.id, n === 1 ? a.name : `${a.name} (${n})`];
    }),
  );
}
