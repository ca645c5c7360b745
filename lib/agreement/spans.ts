/**
 * Span-level agreement between two annotators on one text: precision, recall
 * and F1 of annotator B against annotator A (the reference), per label and
 * overall, with the counts behind every figure.
 *
 * Matching is one-to-one: each span is matched at most once, and only to a
 * span with the same label.
 * - `exact`: same start, same end, same label.
 * - `overlap`: same label and the ranges overlap (`rangesOverlap`: they share
 *   at least one code unit, or are identical, so every exact match is also an
 *   overlap match). Among the possible pairings the
 *   largest is taken (maximum bipartite matching), so the count does not
 *   depend on the order of the spans and is the same with A and B swapped.
 *
 * With m matched pairs, |A| and |B| spans:
 *   precision = m / |B|   (null when B has no spans)
 *   recall    = m / |A|   (null when A has no spans)
 *   F1        = 2m / (|A| + |B|)   (null when neither has spans; 0 when only one has)
 * F1 written this way equals the harmonic mean of precision and recall when
 * both are defined, and is symmetric under swapping A and B. "Overall" is
 * the micro-average: counts summed over labels.
 */
import {
  assertDistinctAnnotators,
  assertSpan,
  compareCodeUnits,
  compareSpans,
  rangesOverlap,
  type AnnotatorSpans,
  type Span,
} from "./common";

export type MatchMode = "exact" | "overlap";

export interface PrfCounts {
  /** Matched pairs. */
  matched: number;
  /** Spans of A with no match in B (false negatives of B). */
  onlyA: number;
  /** Spans of B with no match in A (false positives of B). */
  onlyB: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface LabelPrf extends PrfCounts {
  label: string;
}

export interface SpanAgreement {
  mode: MatchMode;
  overall: PrfCounts;
  /** One row per label, ordered by label (code units). */
  byLabel: LabelPrf[];
}

export interface SpanAgreementOptions {
  mode: MatchMode;
  /** Labels to report even when neither annotator used them (rows with zero counts). */
  labels?: readonly string[];
}

/** Precision, recall and F1 from the counts (see the module comment for the null cases). */
export function prf(matched: number, onlyA: number, onlyB: number): PrfCounts {
  const a = matched + onlyA;
  const b = matched + onlyB;
  return {
    matched,
    onlyA,
    onlyB,
    precision: b === 0 ? null : matched / b,
    recall: a === 0 ? null : matched / a,
    f1: a + b === 0 ? null : (2 * matched) / (a + b),
  };
}

function countExact(a: readonly Span[], b: readonly Span[]): number {
  const counts = new Map<string, number>();
  for (const s of a) counts.set(`${s.start}:${s.end}`, (counts.get(`${s.start}:${s.end}`) ?? 0) + 1);
  let matched = 0;
  for (const s of b) {
    const key = `${s.start}:${s.end}`;
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      matched++;
      counts.set(key, left - 1);
    }
  }
  return matched;
}

/** Size of a maximum matching between overlapping spans (all of one label), by augmenting paths. */
function countOverlap(a: readonly Span[], b: readonly Span[]): number {
  return maximumMatching([...a].sort(compareSpans), [...b].sort(compareSpans));
}

/**
 * `countOverlap` of spans already in reading order (`compareSpans`). The size
 * of a maximum matching does not depend on the order the search visits the
 * spans in; the order only lets the candidates of each span stop early.
 */
function countOverlapSorted(as: readonly Span[], bs: readonly Span[]): number {
  if (as.length === 0 || bs.length === 0) return 0;
  if (as.length === 1 && bs.length === 1) return rangesOverlap(as[0], bs[0]) ? 1 : 0;
  if (sameRanges(as, bs)) return as.length;
  return maximumMatching(as, bs);
}

/** The matching of `countOverlap`, of spans in reading order. */
function maximumMatching(as: readonly Span[], bs: readonly Span[]): number {
  // Candidates of each A span: the B spans it overlaps (bs is sorted by start).
  const adjacency = as.map((s) => {
    const list: number[] = [];
    for (let j = 0; j < bs.length && bs[j].start <= s.end; j++) if (rangesOverlap(s, bs[j])) list.push(j);
    return list;
  });
  const matchOfB = new Array<number>(bs.length).fill(-1);
  let matched = 0;
  for (let i = 0; i < as.length; i++) {
    // Iterative depth-first search for an augmenting path from A span i.
    const visited = new Uint8Array(bs.length);
    const stack: { a: number; next: number }[] = [{ a: i, next: 0 }];
    const via: number[] = []; // via[depth] = the B span taken from stack[depth]
    let found = false;
    while (stack.length > 0 && !found) {
      const top = stack[stack.length - 1];
      if (top.next >= adjacency[top.a].length) {
        stack.pop();
        via.length = stack.length;
        continue;
      }
      const j = adjacency[top.a][top.next++];
      if (visited[j]) continue;
      visited[j] = 1;
      via[stack.length - 1] = j;
      if (matchOfB[j] === -1) found = true;
      else stack.push({ a: matchOfB[j], next: 0 });
    }
    if (found) {
      for (let d = 0; d < stack.length; d++) matchOfB[via[d]] = stack[d].a;
      matched++;
    }
  }
  return matched;
}

/**
 * True when two lists in reading order hold the same ranges: every span then
 * matches its twin (identical ranges overlap), a perfect matching.
 */
function sameRanges(as: readonly Span[], bs: readonly Span[]): boolean {
  if (as.length !== bs.length) return false;
  for (let k = 0; k < as.length; k++) if (as[k].start !== bs[k].start || as[k].end !== bs[k].end) return false;
  return true;
}

/**
 * `countExact` of two lists of (start, end) pairs, each sorted in reading
 * order (start ascending, then end descending): the size of their multiset
 * intersection, by one merge.
 */
function countExactSorted(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let matched = 0;
  while (i < a.length && j < b.length) {
    const d = a[i] - b[j] || b[j + 1] - a[i + 1];
    if (d === 0) {
      matched++;
      i += 2;
      j += 2;
    } else if (d < 0) i += 2;
    else j += 2;
  }
  return matched;
}

function byLabel(spans: readonly Span[]): Map<string, Span[]> {
  const map = new Map<string, Span[]>();
  for (const s of spans) {
    assertSpan(s);
    const list = map.get(s.label);
    if (list) list.push(s);
    else map.set(s.label, [s]);
  }
  return map;
}

/** Precision, recall and F1 of `b` against `a` (the reference), per label and overall. */
export function spanAgreement(a: readonly Span[], b: readonly Span[], options: SpanAgreementOptions): SpanAgreement {
  const la = byLabel(a);
  const lb = byLabel(b);
  const labels = [...new Set([...la.keys(), ...lb.keys(), ...(options.labels ?? [])])].sort(compareCodeUnits);
  let matched = 0;
  let onlyA = 0;
  let onlyB = 0;
  const rows = labels.map((label) => {
    const sa = la.get(label) ?? [];
    const sb = lb.get(label) ?? [];
    const m = options.mode === "exact" ? countExact(sa, sb) : countOverlap(sa, sb);
    matched += m;
    onlyA += sa.length - m;
    onlyB += sb.length - m;
    return { label, ...prf(m, sa.length - m, sb.length - m) };
  });
  return { mode: options.mode, overall: prf(matched, onlyA, onlyB), byLabel: rows };
}

export interface SpanAgreementMatrix {
  annotators: string[];
  /** cells[i][j]: annotator j against annotator i as the reference; null on the diagonal. */
  cells: (SpanAgreement | null)[][];
}

/**
 * `spanAgreement` between every ordered pair of annotators. Every cell lists
 * the same labels (all labels any annotator used, plus `options.labels`), so
 * the cells line up in a table. cells[i][j] and cells[j][i] have the same F1
 * and matched count, with precision and recall swapped.
 */
export function pairwiseSpanAgreement(
  annotators: readonly AnnotatorSpans[],
  options: SpanAgreementOptions & {
    /** The labels whose rows the cells list (default: every label); the overall figures count every label. */
    rowLabels?: readonly string[];
  },
): SpanAgreementMatrix {
  assertDistinctAnnotators(annotators);
  const labels = [
    ...new Set([...annotators.flatMap((x) => x.spans.map((s) => s.label)), ...(options.labels ?? [])]),
  ].sort(compareCodeUnits);
  const shown = options.rowLabels ? new Set(options.rowLabels) : null;
  // Each annotator's spans by label once (in reading order, and for exact matching as sorted
  // (start, end) pairs), not once per pair; each pair counted once (the matching is symmetric),
  // the cell the other way round swapping what only A and only B have.
  const index = new Map(labels.map((label, l) => [label, l]));
  const rowShown = labels.map((label) => !shown || shown.has(label));
  const grouped = annotators.map((x) => {
    const lists: Span[][] = labels.map(() => []);
    for (const s of x.spans) {
      assertSpan(s);
      lists[index.get(s.label)!].push(s);
    }
    for (const list of lists) list.sort(compareSpans);
    return lists;
  });
  const ranges =
    options.mode === "exact"
      ? grouped.map((lists) => lists.map((list) => Int32Array.from(list.flatMap((s) => [s.start, s.end]))))
      : null;
  const cells: (SpanAgreement | null)[][] = annotators.map(() => annotators.map(() => null));
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      let matched = 0;
      let onlyA = 0;
      let onlyB = 0;
      const forward: LabelPrf[] = [];
      const backward: LabelPrf[] = [];
      for (let l = 0; l < labels.length; l++) {
        const sa = grouped[i][l];
        const sb = grouped[j][l];
        const m =
          sa.length === 0 || sb.length === 0
            ? 0
            : ranges
              ? countExactSorted(ranges[i][l], ranges[j][l])
              : countOverlapSorted(sa, sb);
        matched += m;
        onlyA += sa.length - m;
        onlyB += sb.length - m;
        if (!rowShown[l]) continue;
        forward.push({ label: labels[l], ...prf(m, sa.length - m, sb.length - m) });
        backward.push({ label: labels[l], ...prf(m, sb.length - m, sa.length - m) });
      }
      cells[i][j] = { mode: options.mode, overall: prf(matched, onlyA, onlyB), byLabel: forward };
      cells[j][i] = { mode: options.mode, overall: prf(matched, onlyB, onlyA), byLabel: backward };
    }
  }
  return { annotators: annotators.map((x) => x.annotator), cells };
}
