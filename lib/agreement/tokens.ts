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
import { cohenKappa, cohenKappaFromTable, type CohenKappaResult } from "./cohen";
import {
  assertDistinctAnnotators,
  assertSpan,
  compareCategories,
  compareCodeUnits,
  compareSpans,
  type AnnotatorSpans,
  type Span,
} from "./common";
import { fleissKappaFromRatings, fleissKappaOfCounts, type FleissKappaResult } from "./fleiss";
import { addCoincidences, alphaFromCoincidences, krippendorffAlpha, type AlphaResult } from "./krippendorff";

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

/**
 * The annotators' token labels as small integers: `rows[annotator][unit]` is
 * an index into `names`, whose entry 0 is the outside label. Comparing many
 * annotators on a long text is mostly counting; counting integers in typed
 * arrays instead of strings in maps is what keeps 80 analysts × 80 types on
 * a 20,000-word article to seconds rather than minutes. The figures are the
 * same: they come from the same functions, given the same counts in the same
 * order.
 */
export interface LabelGrid {
  annotators: string[];
  tokens: number;
  outside: string;
  names: string[];
  rows: Int32Array[];
  units: number;
  /** The labels reported per label: every span label plus `options.labels`, in code-unit order. */
  labels: string[];
}

/** The annotators' token labels, for `tokenAgreement` and `pairwiseTokenKappa` to share (`agreementReport`). */
export function labelGrid(
  text: string,
  annotators: readonly AnnotatorSpans[],
  options: TokenAgreementOptions,
): LabelGrid {
  assertDistinctAnnotators(annotators);
  const outside = options.outside ?? OUTSIDE;
  const tokens = tokenize(text);
  for (const { spans } of annotators) {
    for (const s of spans) {
      if (s.end > text.length) throw new RangeError(`span [${s.start}, ${s.end}) is outside the text`);
    }
  }
  const names = [outside];
  const code = new Map([[outside, 0]]);
  let rows = annotators.map((x) => {
    const labels = tokenLabels(tokens, x.spans, outside);
    const row = new Int32Array(labels.length);
    for (let t = 0; t < labels.length; t++) {
      let c = code.get(labels[t]);
      if (c === undefined) {
        c = names.length;
        code.set(labels[t], c);
        names.push(labels[t]);
      }
      row[t] = c;
    }
    return row;
  });
  if (options.units === "annotated") {
    const keep: number[] = [];
    for (let t = 0; t < tokens.length; t++) if (rows.some((row) => row[t] !== 0)) keep.push(t);
    rows = rows.map((row) => Int32Array.from(keep, (t) => row[t]));
  }
  const labels = [
    ...new Set([...annotators.flatMap((x) => x.spans.map((s) => s.label)), ...(options.labels ?? [])]),
  ].sort(compareCodeUnits);
  return {
    annotators: annotators.map((x) => x.annotator),
    tokens: tokens.length,
    outside,
    names,
    rows,
    units: rows.length === 0 ? 0 : rows[0].length,
    labels,
  };
}

/** The grid as strings (`grid[annotator][unit]`), for the general functions. */
function stringGrid(g: LabelGrid, map: (name: string) => string = (name) => name): string[][] {
  const mapped = g.names.map(map);
  return g.rows.map((row) => Array.from(row, (c) => mapped[c]));
}

/** Per unit, how many annotators gave each code: `counts[unit * names + code]`. */
function unitCounts(g: LabelGrid): Int32Array {
  const k = g.names.length;
  const counts = new Int32Array(g.units * k);
  for (const row of g.rows) for (let u = 0; u < g.units; u++) counts[u * k + row[u]]++;
  return counts;
}

/** Overall coefficients: every label and the outside label as categories. */
function overallCoefficients(g: LabelGrid, counts: Int32Array): TokenCoefficients {
  const raters = g.rows.length;
  if (raters < 2) return coefficients(stringGrid(g));
  const k = g.names.length;
  const used = new Set<number>();
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) used.add(i % k);
  const codes = [...used].sort((a, b) => compareCategories(g.names[a], g.names[b]));
  const categories = codes.map((c) => g.names[c]);
  const fleiss = fleissKappaOfCounts(g.units, codes.length, (u, j) => counts[u * k + codes[j]]);
  // Every unit has a value from every annotator: all are pairable.
  const o = categories.map(() => new Array<number>(codes.length).fill(0));
  const column = new Int32Array(k).fill(-1);
  codes.forEach((c, j) => (column[c] = j));
  const unitCounts = new Int32Array(codes.length);
  const present = new Int32Array(codes.length);
  for (let u = 0; u < g.units; u++) {
    let presentCount = 0;
    // In the order values first occur in the unit, as krippendorffAlphaFromUnits adds them.
    for (const row of g.rows) {
      const j = column[row[u]];
      if (unitCounts[j] === 0) present[presentCount++] = j;
      unitCounts[j]++;
    }
    addCoincidences(o, unitCounts, present, presentCount, raters);
    for (let x = 0; x < presentCount; x++) unitCounts[present[x]] = 0;
  }
  const alpha = alphaFromCoincidences(categories, o, { units: g.units, unitsDropped: 0, n: g.units * raters });
  return {
    cohen: raters === 2 ? cohenKappa(stringGrid(g)[0], stringGrid(g)[1]) : null,
    fleiss: { ...fleiss, categories },
    alpha,
  } as TokenCoefficients;
}

/** One-vs-rest coefficients of `label`, from how many annotators gave it to each unit. */
function labelCoefficients(g: LabelGrid, counts: Int32Array, label: string): TokenCoefficients {
  const raters = g.rows.length;
  const code = g.names.indexOf(label);
  if (raters < 2 || label === g.outside) return coefficients(stringGrid(g, (l) => (l === label ? label : g.outside)));
  const k = g.names.length;
  const given = (u: number) => (code < 0 ? 0 : counts[u * k + code]);
  let withLabel = false;
  let withOutside = false;
  for (let u = 0; u < g.units && !(withLabel && withOutside); u++) {
    const n = given(u);
    if (n > 0) withLabel = true;
    if (n < raters) withOutside = true;
  }
  const categories = [...(withLabel ? [label] : []), ...(withOutside ? [g.outside] : [])].sort(compareCategories);
  const countOf = (u: number, category: string) => (category === label ? given(u) : raters - given(u));
  const fleiss = fleissKappaOfCounts(g.units, categories.length, (u, j) => countOf(u, categories[j]));
  const o = categories.map(() => new Array<number>(categories.length).fill(0));
  const byCategory = new Int32Array(categories.length);
  const present = new Int32Array(categories.length);
  for (let u = 0; u < g.units; u++) {
    let presentCount = 0;
    for (let j = 0; j < categories.length; j++) {
      byCategory[j] = countOf(u, categories[j]);
      if (byCategory[j] > 0) present[presentCount++] = j;
    }
    addCoincidences(o, byCategory, present, presentCount, raters);
  }
  const alpha = alphaFromCoincidences(categories, o, { units: g.units, unitsDropped: 0, n: g.units * raters });
  const cohen = raters === 2 ? coefficients(stringGrid(g, (l) => (l === label ? label : g.outside))).cohen : null;
  return { cohen, fleiss: { ...fleiss, categories }, alpha } as TokenCoefficients;
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
  /** The same inputs' `labelGrid`, when the caller has it already. */
  grid?: LabelGrid,
): TokenAgreement {
  const g = grid ?? labelGrid(text, annotators, options);
  const counts = unitCounts(g);
  return {
    annotators: g.annotators,
    tokens: g.tokens,
    units: g.units,
    outside: g.outside,
    overall: overallCoefficients(g, counts),
    byLabel: g.labels.map((label) => ({ label, ...labelCoefficients(g, counts, label) })),
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
 * of all the annotators labelled, the same for every pair. Each pair's
 * contingency table is counted once (cells[j][i] is its transpose).
 */
export function pairwiseTokenKappa(
  text: string,
  annotators: readonly AnnotatorSpans[],
  options: TokenAgreementOptions = {},
  /** The same inputs' `labelGrid`, when the caller has it already. */
  grid?: LabelGrid,
): TokenKappaMatrix {
  const g = grid ?? labelGrid(text, annotators, options);
  const only = options.pairLabels;
  const labels = only ? g.labels.filter((l) => only.includes(l)) : g.labels;
  const k = g.names.length;
  const cells: (TokenKappaCell | null)[][] = g.rows.map(() => g.rows.map(() => null));
  // What each annotator gave how often (a pair's margins), and the codes in category order, once.
  const histograms = g.rows.map((row) => {
    const histogram = new Int32Array(k);
    for (let u = 0; u < g.units; u++) histogram[row[u]]++;
    return histogram;
  });
  const order = g.names.map((_, c) => c).sort((x, y) => compareCategories(g.names[x], g.names[y]));
  const withTables = only === undefined;
  // Only a shown table needs every cell; the kappas need the margins and the diagonal. Most units
  // are outside (code 0) for most annotators: the diagonal is counted over the units one of the two
  // labelled, and the units both left outside are what remains.
  const labelled = withTables
    ? []
    : g.rows.map((row) => {
        const units: number[] = [];
        for (let u = 0; u < g.units; u++) if (row[u] !== 0) units.push(u);
        return Int32Array.from(units);
      });
  const table = new Int32Array(withTables ? k * k : k);
  for (let i = 0; i < g.rows.length; i++) {
    for (let j = i + 1; j < g.rows.length; j++) {
      table.fill(0);
      const [a, b] = [g.rows[i], g.rows[j]];
      if (withTables) for (let u = 0; u < g.units; u++) table[a[u] * k + b[u]]++;
      else {
        const [mine, theirs] = [labelled[i], labelled[j]];
        let both = 0;
        for (let x = 0; x < mine.length; x++) {
          const u = mine[x];
          if (b[u] === 0) continue;
          both++;
          if (a[u] === b[u]) table[a[u]]++;
        }
        table[0] = g.units - mine.length - theirs.length + both;
      }
      const pair = { table, rowSums: histograms[i], colSums: histograms[j], order, withTables };
      const [forward, backward] = pairCells(g, pair, labels);
      cells[i][j] = forward;
      cells[j][i] = backward;
    }
  }
  return { annotators: g.annotators, cells };
}

/**
 * Both cells of a pair (A against B, and B against A): from its contingency
 * table over all codes (`withTables`), or from its margins and diagonal
 * (`table[c]`: units both gave c) where no table is shown.
 */
function pairCells(
  g: LabelGrid,
  pair: {
    table: Int32Array;
    rowSums: Int32Array;
    colSums: Int32Array;
    /** Every code, in category order. */
    order: readonly number[];
    withTables: boolean;
  },
  labels: readonly string[],
): [TokenKappaCell, TokenKappaCell] {
  const { table, rowSums, colSums, withTables } = pair;
  const k = g.names.length;
  const total = g.units;
  const diagonal = (c: number) => (withTables ? table[c * k + c] : table[c]);
  const seen = pair.order.filter((c) => rowSums[c] + colSums[c] > 0);
  const categories = seen.map((c) => g.names[c]);
  const cell = (t: number[][], cats: string[]) => ({ ...cohenKappaFromTable(t, cats), unitsDropped: 0 });
  let forward: TokenKappaCell;
  let backward: TokenKappaCell;
  if (withTables) {
    const overall = seen.map((x) => seen.map((y) => table[x * k + y]));
    forward = { overall: cell(overall, categories), byLabel: [] };
    backward = { overall: cell(transpose(overall), categories), byLabel: [] };
  } else {
    // A bounded view (pairLabels) shows no pair's table: the kappa of 81 × 81 counts without building them.
    forward = { overall: kappaWithoutTable(total, seen, diagonal, rowSums, colSums), byLabel: [] };
    backward = { overall: kappaWithoutTable(total, seen, diagonal, colSums, rowSums), byLabel: [] };
  }
  for (const label of labels) {
    const c = g.names.indexOf(label);
    let both = 0;
    let onlyA = 0;
    let onlyB = 0;
    if (c >= 0 && label !== g.outside) {
      both = diagonal(c);
      onlyA = rowSums[c] - both;
      onlyB = colSums[c] - both;
    }
    const neither = total - both - onlyA - onlyB;
    if (label === g.outside) {
      // Everything is outside, one-vs-rest of the outside label itself.
      const cats = total > 0 ? [label] : [];
      const t = total > 0 ? [[total]] : [];
      forward.byLabel.push({ label, ...cell(t, cats) });
      backward.byLabel.push({ label, ...cell(t, cats) });
      continue;
    }
    // Categories either annotator used, one-vs-rest: the label, everything else as outside.
    const hasLabel = both + onlyA + onlyB > 0;
    const hasOutside = total - (both + onlyA) > 0 || total - (both + onlyB) > 0;
    const cats = [...(hasLabel ? [label] : []), ...(hasOutside ? [g.outside] : [])].sort(compareCategories);
    const count = (x: string, y: string) =>
      x === label ? (y === label ? both : onlyA) : y === label ? onlyB : neither;
    const t = cats.map((x) => cats.map((y) => count(x, y)));
    forward.byLabel.push({ label, ...cell(t, cats) });
    backward.byLabel.push({ label, ...cell(transpose(t), cats) });
  }
  return [forward, backward];
}

/**
 * `cohenKappaFromTable` of a pair's table over the `seen` codes (in category
 * order) from its `total`, `diagonal` and margins, the floating-point
 * arithmetic in the same order; `categories` and `table` left empty.
 */
function kappaWithoutTable(
  total: number,
  seen: readonly number[],
  diagonal: (code: number) => number,
  rowSums: ArrayLike<number>,
  colSums: ArrayLike<number>,
): CohenKappaResult<string> {
  const base = { unitsDropped: 0, categories: [], table: [], units: total };
  if (total === 0) {
    return { ...base, value: null, reason: "no-units", observedAgreement: null, expectedAgreement: null };
  }
  if (seen.length < 2) {
    return { ...base, value: null, reason: "no-variation", observedAgreement: 1, expectedAgreement: 1 };
  }
  let agreed = 0;
  for (const c of seen) agreed += diagonal(c);
  const po = agreed / total;
  let pe = 0;
  for (const x of seen) pe += (rowSums[x] / total) * (colSums[x] / total);
  return { ...base, value: (po - pe) / (1 - pe), reason: null, observedAgreement: po, expectedAgreement: pe };
}

function transpose(table: number[][]): number[][] {
  return table.map((row, x) => row.map((_, y) => table[y][x]));
}
