/**
 * Agreement between annotators and differences for curation: pure,
 * framework-free TypeScript shared by server and client. Offsets are UTF-16
 * code units into the canonical text, `end` exclusive (lib/anchoring).
 *
 * Undefined coefficients are `value: null` with a `reason` (see `common.ts`).
 */
export {
  compareCategories,
  compareCodeUnits,
  rangesOverlap,
  type AnnotatorSpans,
  type Category,
  type NoValueReason,
  type Span,
} from "./common";
export { cohenKappa, cohenKappaFromTable, type CohenKappaResult, type KappaResult } from "./cohen";
export { fleissKappa, fleissKappaFromRatings, type FleissKappaResult } from "./fleiss";
export {
  krippendorffAlpha,
  krippendorffAlphaFromUnits,
  type AlphaLevel,
  type AlphaOptions,
  type AlphaResult,
} from "./krippendorff";
export {
  pairwiseSpanAgreement,
  prf,
  spanAgreement,
  type LabelPrf,
  type MatchMode,
  type PrfCounts,
  type SpanAgreement,
  type SpanAgreementMatrix,
  type SpanAgreementOptions,
} from "./spans";
export {
  OUTSIDE,
  pairwiseTokenKappa,
  tokenAgreement,
  tokenLabels,
  tokenize,
  type Token,
  type TokenAgreement,
  type TokenAgreementOptions,
  type TokenCoefficients,
  type TokenKappaCell,
  type TokenKappaMatrix,
} from "./tokens";
export {
  curationDiff,
  type Agreement,
  type AttributedSpan,
  type Curation,
  type Difference,
  type DifferenceKind,
} from "./curation";
export { csvField, toCsv, type CsvCell, type CsvOptions } from "./csv";
export { REPORT_CSV_HEADER, agreementReport, agreementReportToCsv, type AgreementReport } from "./report";
export { pairFigures, pairSpanFigures, type PairFigures, type SpanCounts } from "./pair-figures";
