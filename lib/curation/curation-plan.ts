/**
 * What a reviewer decides when curating two or more analysts' annotations of
 * one article, built on `curationDiff` (pure; runs in the browser).
 *
 * Items: every agreement and every difference of the diff, in reading order.
 * An item's candidates are its distinct (range, entity) pairs, each with the
 * annotations that made it (one per analyst who did; an agreement has one
 * candidate made by everyone), in reading order and then in the analysts'
 * order.
 *
 * Picks: per item, the candidates kept, or nothing yet (undecided). Applying
 * makes a decided item's picked candidates ACCEPTED, every annotation of the
 * candidate (each analyst who made it is credited), and the others REJECTED
 * (reason `CURATION_REJECTION_REASON`); undecided items stay as they are. The
 * accepted ("gold") set is then the picked (range, entity) pairs.
 *
 * Reviewers' decisions stand: an annotation already accepted or rejected (a
 * "decided" one, flagged in the view) is left as it is unless the curator
 * overrides its item explicitly (`overrides`); the picks then apply to the
 * item's proposed annotations only.
 */
import { curationDiff, type DifferenceKind } from "@/lib/agreement";
import { curationSpans, type AnnotationSpan, type ArticleAnnotation } from "./article-spans";

/** The reason given to annotations a curation did not keep. */
export const CURATION_REJECTION_REASON = "Not chosen in curation.";

export type CurationItemKind = "agreement" | DifferenceKind;

export interface Candidate {
  /** `start:end:label`, unique within its item. */
  key: string;
  start: number;
  end: number;
  exact: string;
  entity: ArticleAnnotation["entity"];
  /** The annotations that made it, in the order the analysts were given. */
  annotations: ArticleAnnotation[];
  /** Analysts who made it, in the order given. */
  analysts: string[];
}

export interface CurationItem {
  /** Its annotations' ids: the same while the item holds the same annotations, whatever their versions. */
  key: string;
  kind: CurationItemKind;
  start: number;
  end: number;
  candidates: Candidate[];
  /** Analysts with no annotation in the item, in the order given. */
  missing: string[];
}

export interface CurationPlan {
  analysts: string[];
  agreements: CurationItem[];
  differences: CurationItem[];
}

/** Per item key: the candidate keys kept; absent = undecided. */
export type Picks = Readonly<Record<string, readonly string[]>>;

export type CurationDecision = { id: string; version: number; decision: "ACCEPTED" | "REJECTED" };

function candidates(spans: readonly { annotator: string; span: AnnotationSpan }[], analysts: string[]): Candidate[] {
  const order = new Map(analysts.map((id, i) => [id, i]));
  const byKey = new Map<string, Candidate>();
  for (const { annotator, span } of spans) {
    const key = `${span.start}:${span.end}:${span.label}`;
    let c = byKey.get(key);
    if (!c) {
      c = {
        key,
        start: span.start,
        end: span.end,
        exact: span.annotation.exact,
        entity: span.annotation.entity,
        annotations: [],
        analysts: [],
      };
      byKey.set(key, c);
    }
    c.annotations.push(span.annotation);
    if (!c.analysts.includes(annotator)) c.analysts.push(annotator);
  }
  for (const c of byKey.values()) {
    c.annotations.sort((x, y) => order.get(x.authorId)! - order.get(y.authorId)!);
    c.analysts.sort((x, y) => order.get(x)! - order.get(y)!);
  }
  // Reading order, then the first analyst's first: numbers follow the columns.
  return [...byKey.values()].sort(
    (x, y) => x.start - y.start || y.end - x.end || order.get(x.analysts[0])! - order.get(y.analysts[0])!,
  );
}

function itemKey(spans: readonly { span: AnnotationSpan }[]): string {
  return spans
    .map((s) => s.span.annotation.id)
    .sort()
    .join(",");
}

/** The agreements and differences among the analysts' annotations, as items to decide. */
export function curationPlan(annotations: readonly ArticleAnnotation[], analysts: readonly string[]): CurationPlan {
  const ids = [...analysts];
  const diff = curationDiff(curationSpans(annotations, ids));
  return {
    analysts: ids,
    agreements: diff.agreements.map((a) => ({
      key: itemKey(a.spans),
      kind: "agreement" as const,
      start: a.start,
      end: a.end,
      candidates: candidates(a.spans, ids),
      missing: [],
    })),
    differences: diff.differences.map((d) => ({
      key: itemKey(d.spans),
      kind: d.kind,
      start: d.start,
      end: d.end,
      candidates: candidates(d.spans, ids),
      missing: d.missing,
    })),
  };
}

/**
 * The picks the annotations' statuses already express: an item whose
 * annotations are all decided (accepted or rejected) keeps the candidates
 * with an accepted annotation; others are undecided.
 */
export function initialPicks(plan: CurationPlan): Record<string, string[]> {
  const picks: Record<string, string[]> = {};
  for (const item of [...plan.agreements, ...plan.differences]) {
    const all = item.candidates.flatMap((c) => c.annotations);
    if (all.every((a) => a.status !== "PROPOSED")) {
      picks[item.key] = item.candidates
        .filter((c) => c.annotations.some((a) => a.status === "ACCEPTED"))
        .map((c) => c.key);
    }
  }
  return picks;
}

/** The annotations of an item a reviewer already accepted or rejected. */
export function decidedAnnotations(item: CurationItem): ArticleAnnotation[] {
  return item.candidates.flatMap((c) => c.annotations).filter((a) => a.status !== "PROPOSED");
}

/**
 * The decisions that make the picks the accepted set: for every decided item,
 * each of its annotations, except those a reviewer already decided, which are
 * left as they are unless their item's key is in `overrides`.
 */
export function curationDecisions(
  plan: CurationPlan,
  picks: Picks,
  overrides: ReadonlySet<string> = new Set(),
): CurationDecision[] {
  const out: CurationDecision[] = [];
  for (const item of [...plan.agreements, ...plan.differences]) {
    const kept = picks[item.key];
    if (!kept) continue;
    const override = overrides.has(item.key);
    for (const c of item.candidates) {
      const decision = kept.includes(c.key) ? "ACCEPTED" : "REJECTED";
      for (const a of c.annotations) {
        if (a.status !== "PROPOSED" && !override) continue;
        out.push({ id: a.id, version: a.version, decision });
      }
    }
  }
  return out;
}

/** How many of the decisions change an annotation's status (the rest are already so). */
export function countChanges(
  annotations: readonly ArticleAnnotation[],
  decisions: readonly CurationDecision[],
): { accept: number; reject: number } {
  const status = new Map(annotations.map((a) => [a.id, a.status]));
  let accept = 0;
  let reject = 0;
  for (const d of decisions) {
    if (status.get(d.id) === d.decision) continue;
    if (d.decision === "ACCEPTED") accept++;
    else reject++;
  }
  return { accept, reject };
}

/**
 * Picks after the annotations were reloaded: the reviewer's picks of items
 * that still hold the same annotations (and candidates), the statuses'
 * picks (`initialPicks`) for the others.
 */
export function carryPicks(plan: CurationPlan, picks: Picks): Record<string, string[]> {
  const next = initialPicks(plan);
  for (const item of [...plan.agreements, ...plan.differences]) {
    const kept = picks[item.key];
    if (kept && kept.every((k) => item.candidates.some((c) => c.key === k))) next[item.key] = [...kept];
  }
  return next;
}

/** The paragraph around [start, end) in canonical text (blocks are separated by a blank line), cut to `side` characters either side. */
export function contextAround(
  text: string,
  start: number,
  end: number,
  side = 180,
): { from: number; to: number; clippedStart: boolean; clippedEnd: boolean } {
  const blockStart = text.lastIndexOf("\n\n", start - 1);
  const blockEnd = text.indexOf("\n\n", end);
  let from = blockStart < 0 ? 0 : blockStart + 2;
  let to = blockEnd < 0 ? text.length : blockEnd;
  const clippedStart = start - from > side;
  const clippedEnd = to - end > side;
  if (clippedStart) {
    from = start - side;
    const space = text.indexOf(" ", from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (clippedEnd) {
    to = end + side;
    const space = text.lastIndexOf(" ", to);
    if (space > end) to = space;
  }
  return { from, to, clippedStart, clippedEnd };
}
