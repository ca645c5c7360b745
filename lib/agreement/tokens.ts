/**
 * Token-level units for chance-corrected agreement on span annotations.
 *
 * Tokens: maximal runs of Unicode letters, combining marks and digits that
 * start with a letter or digit — the pattern `[\p{L}\p{N}][\p{L}\p{M}\p{N}]*`.
 * Everything else (spaces, punctuation, symbols, emoji) separates tokens and
 * is not a unit; so "don't" is two tokens and "COVID-19" two. Offsets are
 * UTF-16 code units into the canonical text, `end` exclusive, as everywhere
 * in Marginalia (lib/anchoring); a letter outside the BMP is one token
 * character and two code units.
 *
 * Labels: an annotator's label for a token is the label of an annotation of
 * theirs that shares at least one code unit with the token, or the outside
 * label (default "O") when none does. When several of one annotator's
 * annotations cover a token, the first in reading order wins: the earliest
 * start, then the longest (latest end), then the smallest label in code-unit
 * order.
 *
 * Coefficients: overall over the labels themselves (every entity type plus
 * "O"), and per label one-vs-rest (the label against everything else,
 * including other labels). The per-label Fleiss' kappa is Fleiss' (1971)
 * category kappa. By default every token is a unit; tokens no annotator
 * labelled agree trivially and raise both observed and expected agreement,
 * so `units: "annotated"` restricts the units (for every figure, per-label
 * ones included) to tokens at least one annotator labelled.
 */
import { cohenKappa, type CohenKappaResult } from "./cohen";
import {
  assertDistinctAnnotators,
  assertSpan,
  compareCodeUnits,
  compareSpans,
  type AnnotatorSpans,
  type Span,
} from "./common";
import { fleissKappaFromRatings, type FleissKappaResult } from "./fleiss";
import { krippendorffAlpha, type AlphaResult } from "./krippendorff";

export interface Token {
  start: number;
  end: number;
  text: string;
}

/** The token rule; see the module comment. */
export const TOKEN_PATTERN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The default label of a token outside every annotation. */
export const OUTSIDE = "O";

/** The word tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_PATTERN)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return tokens;
}

/**
 * One annotator's label per token (see the module comment for the rule).
 * Throws a RangeError when a span's label equals the outside label, which
 * would make "annotated" and "not annotated" indistinguishable.
 */
export function tokenLabels(tokens: readonly Token[], spans: readonly Span[], outside: string = OUTSIDE): string[] {
  const labels: (string | null)[] = tokens.map(() => null);
  const ordered = [...spans].sort(compareSpans);
  for (const span of ordered) {
    assertSpan(span);
    if (span.label === outside) throw new RangeError(`a span is labelled "${outside}", the outside label`);
    // First token ending after the span's start (tokens are ordered and disjoint).
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < tokens.length && tokens[t].start < span.end; t++) {
      if (labels[t] === null) labels[t] = span.label;
    }
  }
  return labels.map((l) => l ?? outside);
}

export interface TokenAgreementOptions {
  /** The label of tokens outside every annotation; default "O". */
  outside?: string;
  /** `all` tokens (default) or only tokens at least one annotator `annotated`. */
  units?: "all" | "annotated";
  /** Labels to report even when nobody used them. */
  labels?: readonly string[];
  /**
   * The labels whose one-vs-rest figures each pair's cell carries (default
   * every label): a comparison of many analysts and types computes and sends
   * only the pairs' figures it shows. A pair's overall figure counts every label.
   * (The compute pool then also leaves out the pairs' contingency tables.)
   */
  pairLabels?: readonly string[];
}

export interface TokenCoefficients {
  /** Cohen's kappa when there are exactly two annotators, else null. */
  cohen: CohenKappaResult<string> | null;
  fleiss: FleissKappaResult;
  alpha: AlphaResult<string>;
}

export interface TokenAgreement {
  annotators: string[];
  /** Tokens in the text. */
  tokens: number;
  /** Tokens used as units (all, or the annotated ones). */
  units: number;
  outside: string;
  overall: TokenCoefficients;
  /** One-vs-rest per label, ordered by label (code units). */
  byLabel: (TokenCoefficients & { label: string })[];
}

interface LabelGrid {
  annotators: string[];
  tokens: number;
  outside: string;
  /** grid[annotator][unit] */
  grid: string[][];
  labels: string[];
}

function labelGrid(text: string, annotators: readonly AnnotatorSpans[], options: TokenAgreementOptions): LabelGrid {
  assertDistinctAnnotators(annotators);
  const outside = options.outside ?? OUTSIDE;
  const tokens = tokenize(text);
  for (const { spans } of annotators) {
    for (const s of spans) {
      if (s.end > text.length) throw new RangeError(`span [${s.start}, ${s.end}) is outside the text`);
    }
  }
  let grid = annotators.map((x) => tokenLabels(tokens, x.spans, outside));
  if (options.units === "annotated") {
    const keep = tokens.map((_, t) => grid.some((row) => row[t] !== outside));
    grid = grid.map((row) => row.filter((_, t) => keep[t]));
  }
  const labels = [
    ...new Set([...annotators.flatMap((x) => x.spans.map((s) => s.label)), ...(options.labels ?? [])]),
  ].sort(compareCodeUnits);
  return { annotators: annotators.map((x) => x.annotator), tokens: tokens.length, outside, grid, labels };
}

function coefficients(grid: string[][]): TokenCoefficients {
  const units = grid.length === 0 ? 0 : grid[0].length;
  const ratings: string[][] = [];
  for (let u = 0; u < units; u++) ratings.push(grid.map((row) => row[u]));
  return {
    cohen: grid.length === 2 ? cohenKappa(grid[0], grid[1]) : null,
    fleiss: fleissKappaFromRatings(ratings),
    alpha: krippendorffAlpha(grid),
  };
}

function oneVsRest(grid: string[][], label: string, outside: string): string[][] {
  return grid.map((row) => row.map((l) => (l === label ? label : outside)));
}

/**
 * Token-level Cohen's kappa (two annotators), Fleiss' kappa and
 * Krippendorff's alpha (nominal), overall and per label, for several
 * annotators' spans on one canonical text. With no annotators every
 * coefficient is `no-units`; with one, `single-annotator`.
 */
export function tokenAgreement(
  text: string,
  annotators: readonly AnnotatorSpans[],
  options: TokenAgreementOptions = {},
): TokenAgreement {
  const g = labelGrid(text, annotators, options);
  return {
    annotators: g.annotators,
    tokens: g.tokens,
    units: g.grid.length === 0 ? 0 : g.grid[0].length,
    outside: g.outside,
    overall: coefficients(g.grid),
    byLabel: g.labels.map((label) => ({ label, ...coefficients(oneVsRest(g.grid, label, g.outside)) })),
  };
}

export interface TokenKappaCell {
  overall: CohenKappaResult<string>;
  byLabel: (CohenKappaResult<string> & { label: string })[];
}

export interface TokenKappaMatrix {
  annotators: string[];
  /** cells[i][j]: Cohen's kappa between annotators i and j (symmetric); null on the diagonal. */
  cells: (TokenKappaCell | null)[][];
}

/**
 * Token-level Cohen's kappa between every pair of annotators, overall and per
 * label (one-vs-rest). With `units: "annotated"` the units are the tokens any
 * of all the annotators labelled, the same for every pair.
 */
export function pairwiseTokenKappa(
  text: string,
  annotators: readonly AnnotatorSpans[],
  options: TokenAgreementOptions = {},
): TokenKappaMatrix {
  const g = labelGrid(text, annotators, options);
  const only = options.pairLabels;
  const labels = only ? g.labels.filter((l) => only.includes(l)) : g.labels;
  const cells = g.grid.map((a, i) =>
    g.grid.map((b, j) => {
      if (i === j) return null;
      return {
        overall: cohenKappa(a, b),
        byLabel: labels.map((label) => {
          const [x, y] = oneVsRest([a, b], label, g.outside);
          return { label, ...cohenKappa(x, y) };
        }),
      };
    }),
  );
  return { annotators: g.annotators, cells };
}
