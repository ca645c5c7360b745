/**
 * Relation agreement between two annotators on one text: precision, recall
 * and F1 of B against A, as for spans (`prf`). Two relations match when they
 * have the same type and their ends match — `exact`: the same start and end
 * on both ends; `overlap`: both ends' ranges overlap. A symmetric relation
 * also matches with its ends swapped. Matching is one-to-one, taken greedily
 * in a fixed order (exact matches are unambiguous; for overlap it may find
 * fewer pairs than the largest possible matching when ends crowd together).
 */
import { prf, type MatchMode, type PrfCounts } from "./spans";

export type RelationEnd = { start: number; end: number };
export type AgreementRelation = { type: string; directed: boolean; source: RelationEnd; target: RelationEnd };

const same = (a: RelationEnd, b: RelationEnd) => a.start === b.start && a.end === b.end;
/** As `rangesOverlap` of common.ts: they share a code unit, or are identical (empty ranges too). */
const overlapping = (a: RelationEnd, b: RelationEnd) => (a.start < b.end && b.start < a.end) || same(a, b);

function endsMatch(a: AgreementRelation, b: AgreementRelation, mode: MatchMode): boolean {
  const fits = mode === "exact" ? same : overlapping;
  if (fits(a.source, b.source) && fits(a.target, b.target)) return true;
  return !a.directed && fits(a.source, b.target) && fits(a.target, b.source);
}

const order = (r: AgreementRelation) => [r.type, r.source.start, r.source.end, r.target.start, r.target.end] as const;
function compare(x: AgreementRelation, y: AgreementRelation): number {
  const a = order(x);
  const b = order(y);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

export function relationAgreement(
  a: readonly AgreementRelation[],
  b: readonly AgreementRelation[],
  mode: MatchMode,
): PrfCounts {
  const left = [...a].sort(compare);
  const right = [...b].sort(compare);
  const used = new Set<number>();
  let matched = 0;
  for (const r of left) {
    const j = right.findIndex((s, k) => !used.has(k) && s.type === r.type && endsMatch(r, s, mode));
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  return prf(matched, left.length - matched, right.length - matched);
}
