/**
 * Curation of the analysts' relations on one article (pure; runs in the
 * browser and in tests).
 *
 * Relations are grouped by their two ends: the same two ranges of text (exact
 * start and end, as the "exact" relation agreement matches them), in either
 * order. Within a group, a candidate is one reading of the link — a type and,
 * for a directed type, a direction — with the relations that made it (one per
 * analyst who did). A group is an agreement when every analyst made the one
 * same candidate; otherwise a difference: `missing` when some analysts have no
 * relation between those ends, `type` when the analysts read the link
 * differently (another type or the other direction).
 *
 * Deciding a difference keeps one candidate — its relations ACCEPTED (every
 * analyst who made it is credited), the others REJECTED with
 * `CURATION_REJECTION_REASON` — or none (all REJECTED). The decisions are the
 * relations' review statuses, so a decided difference stays decided: a group
 * whose relations are all decided shows the candidate with accepted relations
 * as kept, or none.
 */
import { CURATION_REJECTION_REASON } from "./curation-plan";

export { CURATION_REJECTION_REASON };

type End = { id: string; start: number; end: number; exact: string };

/** What relation curation needs of a relation. */
export interface CurationRelation {
  id: string;
  version: number;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  authorId: string;
  type: { id: string; name: string; directed: boolean; color: string };
  source: End;
  target: End;
}

export interface RelationCandidate {
  /** `typeId:source>target` for directed types, `typeId:sym` for symmetric ones; unique within its item. */
  key: string;
  type: CurationRelation["type"];
  /** The ends as the candidate reads them (for a symmetric type, the first analyst's order). */
  source: End;
  target: End;
  relations: CurationRelation[];
  /** Analysts who made it, in the order given. */
  analysts: string[];
}

export interface RelationCurationItem {
  /** The two ranges, in text order: the same while the ends do not move. */
  key: string;
  kind: "agreement" | "missing" | "type";
  candidates: RelationCandidate[];
  /** Analysts with no relation between these ends, in the order given. */
  missing: string[];
  /** The kept candidate's key once every relation of the item is decided; "" for none kept; null while undecided. */
  decided: string | null;
}

export type RelationCurationPlan = { agreements: RelationCurationItem[]; differences: RelationCurationItem[] };

export type RelationDecision = { id: string; version: number; decision: "ACCEPTED" | "REJECTED" };

const range = (e: End) => `${e.start}:${e.end}`;
const byText = (x: End, y: End) => x.start - y.start || x.end - y.end;

/** The analysts' relations grouped by their ends, agreements and differences in reading order. */
export function relationCurationPlan(
  relations: readonly CurationRelation[],
  analysts: readonly string[],
): RelationCurationPlan {
  const order = new Map(analysts.map((id, i) => [id, i]));
  const mine = relations
    .filter((r) => order.has(r.authorId))
    .sort((x, y) => order.get(x.authorId)! - order.get(y.authorId)!);
  const groups = new Map<string, { first: End; candidates: Map<string, RelationCandidate> }>();
  for (const r of mine) {
    const [a, b] = [r.source, r.target].sort(byText);
    const key = `${range(a)}|${range(b)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { first: a, candidates: new Map() }));
    const cKey = r.type.directed ? `${r.type.id}:${range(r.source)}>${range(r.target)}` : `${r.type.id}:sym`;
    let c = group.candidates.get(cKey);
    if (!c) {
      c = { key: cKey, type: r.type, source: r.source, target: r.target, relations: [], analysts: [] };
      group.candidates.set(cKey, c);
    }
    c.relations.push(r);
    if (!c.analysts.includes(r.authorId)) c.analysts.push(r.authorId);
  }
  const plan: RelationCurationPlan = { agreements: [], differences: [] };
  const sorted = [...groups].sort(([, x], [, y]) => byText(x.first, y.first));
  for (const [key, group] of sorted) {
    const candidates = [...group.candidates.values()];
    const present = new Set(candidates.flatMap((c) => c.analysts));
    const missing = analysts.filter((id) => !present.has(id));
    const kind = candidates.length > 1 ? "type" : missing.length ? "missing" : "agreement";
    const all = candidates.flatMap((c) => c.relations);
    const decided = all.every((r) => r.status !== "PROPOSED")
      ? (candidates.find((c) => c.relations.some((r) => r.status === "ACCEPTED"))?.key ?? "")
      : null;
    const item: RelationCurationItem = { key, kind, candidates, missing, decided };
    (kind === "agreement" ? plan.agreements : plan.differences).push(item);
  }
  return plan;
}

/** The decisions that keep `keep` (a candidate key, or null for none) of an item: the others are rejected. */
export function relationDecisions(item: RelationCurationItem, keep: string | null): RelationDecision[] {
  return item.candidates.flatMap((c) =>
    c.relations.map((r) => ({
      id: r.id,
      version: r.version,
      decision: c.key === keep ? ("ACCEPTED" as const) : ("REJECTED" as const),
    })),
  );
}
