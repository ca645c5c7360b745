import "server-only";
import { AppError } from "@/lib/errors";
import { REPORT_CSV_HEADER, toCsv, type AgreementReport } from "@/lib/agreement";
import { outsideLabelOf } from "@/lib/curation/article-spans";
import { runAgreement } from "@/lib/server/compute-pool";
import { findAgreementColumns, type ArticleAnnotations } from "./find-article-annotations";
import { findRelationAgreement, type RelationAgreement } from "./find-relation-agreement";

export type AgreementUnits = "all" | "annotated";

/**
 * Most pair × entity type figures one request computes (40 analysts × 64
 * types): past it the request must choose one type's pairs (`pairType`).
 */
export const MAX_PAIR_TYPE_FIGURES = 50_000;

export type ArticleAgreement = Omit<ArticleAnnotations, "annotations" | "article"> & {
  article: Omit<ArticleAnnotations["article"], "text">;
  units: AgreementUnits;
  /** The label of tokens nobody annotated. */
  outside: string;
  /** The figures between the analysts (ids in `report.annotators`), or null with fewer than two. */
  report: AgreementReport | null;
  /** Relation precision/recall/F1 per pair of analysts (same type, ends matching exactly or by overlap). */
  relations: RelationAgreement;
};

type AgreementOptions = {
  workspaceId: string;
  articleId: string;
  analystIds?: readonly string[];
  units?: AgreementUnits;
  /**
   * The entity type whose figures each pair's cell carries: a name, "" for
   * none (the pairs' overall figures only), undefined for every type. The
   * pairs' per-type figures are most of the work with many analysts and types;
   * with two analysts (one pair) they are always all computed.
   */
  pairType?: string;
};

/** What the figures are computed from, and everything of the answer but the report. */
async function prepare(options: AgreementOptions) {
  const units = options.units ?? "all";
  const { article, annotators, analysts, columns } = await findAgreementColumns(options);
  const outside = outsideLabelOf(new Set(columns.labels));
  const { text, ...head } = article;
  const relations = await findRelationAgreement({
    workspaceId: options.workspaceId,
    articleId: options.articleId,
    revisionId: article.revisionId,
    analystIds: analysts.map((a) => a.id),
  });
  // Two analysts make one pair, whose per-type figures the table by type shows: always all of them.
  const pairLabels =
    options.pairType === undefined || analysts.length <= 2 ? undefined : options.pairType ? [options.pairType] : [];
  if (!pairLabels && analysts.length > 2) {
    const pairs = (analysts.length * (analysts.length - 1)) / 2;
    const types = columns.labels.length;
    if (pairs * types > MAX_PAIR_TYPE_FIGURES) {
      throw new AppError(
        "UNPROCESSABLE",
        `${analysts.length} analysts on ${types} entity types make ${(pairs * types).toLocaleString("en")} pair × type figures, more than ${MAX_PAIR_TYPE_FIGURES.toLocaleString("en")} at once: ask for one type's pairs with pairType (empty for the pairs' overall figures), or fewer analysts.`,
        {
          details: { fieldErrors: { pairType: ["Choose an entity type, or leave it empty for the overall figures."] } },
        },
      );
    }
  }
  return {
    head: { article: head, annotators, analysts, units, outside, relations },
    task: { text, columns, options: { units, outside, pairLabels } },
  };
}

/**
 * Agreement between analysts on an article's current text, computed by
 * `agreementReport` (lib/agreement) from the stored annotations: span
 * precision/recall/F1 per pair (exact and overlap) and token-level Cohen,
 * Fleiss and Krippendorff, per entity type and overall. Labels are entity
 * type names. With fewer than two analysts there is no report. The figures
 * are computed on a worker thread (lib/server/compute-pool.ts).
 */
export async function findArticleAgreement(options: AgreementOptions): Promise<ArticleAgreement> {
  const { head, task } = await prepare(options);
  const report = head.analysts.length >= 2 ? await runAgreement({ ...task, output: "report" }) : null;
  return { ...head, report: report as AgreementReport | null };
}

/**
 * `{ data: findArticleAgreement(…) }` as UTF-8 JSON bytes, serialized on the
 * worker thread too: an answer of megabytes is not encoded on the request's thread.
 */
export async function findArticleAgreementJson(options: AgreementOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { head, task } = await prepare(options);
  if (head.analysts.length < 2) {
    const bytes = Buffer.from(JSON.stringify({ data: { ...head, report: null } }));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>;
  }
  return (await runAgreement({ ...task, output: "json", head })) as Uint8Array<ArrayBuffer>;
}

/**
 * The figures as CSV (`agreementReportToCsv`, every pair and type), analysts
 * named rather than by id; only the header without a report. With the article, for the file name.
 */
export async function findArticleAgreementCsv(
  options: Omit<AgreementOptions, "pairType">,
): Promise<{ article: ArticleAgreement["article"]; units: AgreementUnits; csv: string }> {
  const { head, task } = await prepare(options);
  const names = displayNames(head.analysts);
  const csv =
    head.analysts.length < 2
      ? toCsv(REPORT_CSV_HEADER, [])
      : ((await runAgreement({ ...task, output: "csv", names: head.analysts.map((a) => names.get(a.id)!) })) as string);
  return { article: head.article, units: head.units, csv };
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
