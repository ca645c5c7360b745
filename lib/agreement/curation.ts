/**
 * Differences between two or more annotators' annotations on one text, for
 * curation: what a reviewer has to decide, in reading order, and what
 * everyone already agrees on.
 *
 * 1. Agreements: a range and label annotated by every annotator, with one
 *    annotation of each annotator per agreement. When an annotator has the
 *    same range and label several times, there are as many agreements as the
 *    annotator with the fewest copies has; the surplus copies are differences.
 * 2. The remaining annotations are grouped: two annotations belong to the same
 *    group when their ranges overlap (`rangesOverlap`: they share a code unit
 *    or are identical), and groups are closed under that (a chain of
 *    overlaps is one group). Each group is
 *    one difference, classified:
 *    - `only`: all its annotations have the same range and label — some
 *      annotators made it, others (`missing`) did not. With two annotators,
 *      "only in A" or "only in B".
 *    - `label`: all have the same range but the labels differ (same span,
 *      different entity or type).
 *    - `overlap`: the ranges overlap but are not all identical (labels may
 *      or may not differ).
 *
 * Reading order: by start, then the longer first (end descending). Within
 * an item the annotations are in reading order, then by label, then in the
 * order the annotators were given. Annotations are passed through unchanged,
 * so extra fields (ids, entity ids) reach the view.
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

export interface AttributedSpan<S extends Span = Span> {
  annotator: string;
  span: S;
}

export interface Agreement<S extends Span = Span> {
  start: number;
  end: number;
  label: string;
  /** One annotation per annotator, in the order the annotators were given. */
  spans: AttributedSpan<S>[];
}

export type DifferenceKind = "only" | "label" | "overlap";

export interface Difference<S extends Span = Span> {
  kind: DifferenceKind;
  /** The smallest start and largest end of the group. */
  start: number;
  end: number;
  spans: AttributedSpan<S>[];
  /** Annotators with at least one annotation in the group, in the order given. */
  annotators: string[];
  /** Annotators with none, in the order given. */
  missing: string[];
}

export interface Curation<S extends Span = Span> {
  annotators: string[];
  agreements: Agreement<S>[];
  differences: Difference<S>[];
}

function sameRange(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** Agreements and differences among the annotators' spans on one text (see the module comment). */
export function curationDiff<S extends Span>(annotators: readonly AnnotatorSpans<S>[]): Curation<S> {
  assertDistinctAnnotators(annotators);
  const ids = annotators.map((x) => x.annotator);
  const order = new Map(ids.map((id, i) => [id, i]));
  const compare = (a: AttributedSpan<S>, b: AttributedSpan<S>) =>
    compareSpans(a.span, b.span) || order.get(a.annotator)! - order.get(b.annotator)!;

  const all: AttributedSpan<S>[] = [];
  for (const { annotator, spans } of annotators) {
    for (const span of spans) {
      assertSpan(span);
      all.push({ annotator, span });
    }
  }
  all.sort(compare);

  // 1. Agreements: group by range and label; one annotation of every annotator per agreement.
  const agreements: Agreement<S>[] = [];
  const rest: AttributedSpan<S>[] = [];
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && sameRange(all[i].span, all[j].span) && all[i].span.label === all[j].span.label) j++;
    const same = all.slice(i, j);
    const copies = new Map<string, AttributedSpan<S>[]>();
    for (const x of same) {
      const list = copies.get(x.annotator);
      if (list) list.push(x);
      else copies.set(x.annotator, [x]);
    }
    // As many agreements as every annotator has copies; the surplus copies are differences.
    const rounds = ids.length === 0 ? 0 : Math.min(...ids.map((id) => copies.get(id)?.length ?? 0));
    const { start, end, label } = all[i].span;
    for (let round = 0; round < rounds; round++) {
      agreements.push({ start, end, label, spans: ids.map((id) => copies.get(id)![round]) });
    }
    for (const list of copies.values()) rest.push(...list.slice(rounds));
    i = j;
  }

  // 2. Groups of overlapping leftovers (rest is still in reading order).
  const differences: Difference<S>[] = [];
  let group: AttributedSpan<S>[] = [];
  let groupEnd = -1;
  const flush = () => {
    if (group.length === 0) return;
    const head = group[0].span;
    const allSameRange = group.every((x) => sameRange(x.span, head));
    const kind: DifferenceKind = !allSameRange
      ? "overlap"
      : group.every((x) => x.span.label === head.label)
        ? "only"
        : "label";
    const present = new Set(group.map((x) => x.annotator));
    const spans = [...group].sort(
      (a, b) =>
        compareSpans(a.span, b.span) ||
        compareCodeUnits(a.span.label, b.span.label) ||
        order.get(a.annotator)! - order.get(b.annotator)!,
    );
    differences.push({
      kind,
      start: head.start,
      end: groupEnd,
      spans,
      annotators: ids.filter((id) => present.has(id)),
      missing: ids.filter((id) => !present.has(id)),
    });
    group = [];
  };
  for (const x of rest) {
    const s = x.span;
    // For a non-empty span in reading order, overlapping a member is starting before the group's end.
    const joins =
      group.length > 0 && (s.start < s.end ? s.start < groupEnd : group.some((g) => rangesOverlap(g.span, s)));
    if (!joins) {
      flush();
      groupEnd = s.end;
    } else {
      groupEnd = Math.max(groupEnd, s.end);
    }
    group.push(x);
  }
  flush();
  return { annotators: ids, agreements, differences };
}
