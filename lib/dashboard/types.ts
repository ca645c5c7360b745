/** The workspace dashboard's figures, as the server computes them (shared with the client charts). */

export type DashboardCounts = {
  annotations: number;
  /** Accepted or rejected. */
  reviewed: number;
  accepted: number;
  rejected: number;
};

export type DashboardArticle = DashboardCounts & {
  id: string;
  title: string;
  analysts: { id: string; name: string; submitted: boolean; overdue: boolean }[];
};

export type DashboardAnalyst = DashboardCounts & {
  id: string;
  name: string;
  assignments: number;
  submitted: number;
};

export type DashboardType = { id: string; name: string; color: string };

/** Annotations created per day, by entity type id ("none" for untagged highlights). */
export type AnnotationsPerDay = { day: string; counts: Record<string, number> };

/** Review decisions made per day. */
export type ReviewsPerDay = { day: string; accepted: number; rejected: number };

/** Live relations by review status. */
export type RelationCounts = { relations: number; proposed: number; accepted: number; rejected: number };

/** The workspace's relations: in total, by relation type and by analyst (their author). */
export type DashboardRelations = {
  totals: RelationCounts;
  /** Every relation type with relations or not archived, in display order. */
  types: (RelationCounts & { id: string; name: string; color: string; directed: boolean })[];
  /** Everyone who made a relation, by name. */
  analysts: (RelationCounts & { id: string; name: string })[];
};

export type Dashboard = {
  totals: DashboardCounts & { articles: number; analysts: number };
  articles: DashboardArticle[];
  analysts: DashboardAnalyst[];
  types: DashboardType[];
  /** The last `DASHBOARD_DAYS` days, oldest first, every day present. */
  annotationsPerDay: AnnotationsPerDay[];
  reviewsPerDay: ReviewsPerDay[];
  relations: DashboardRelations;
};

export const DASHBOARD_DAYS = 30;

/** Share of decided annotations that were accepted (null: none decided yet). */
export function acceptanceRate(c: Pick<DashboardCounts, "accepted" | "rejected">): number | null {
  const decided = c.accepted + c.rejected;
  return decided ? c.accepted / decided : null;
}

/** Share of annotations reviewed (null: none yet). */
export function reviewedShare(c: Pick<DashboardCounts, "annotations" | "reviewed">): number | null {
  return c.annotations ? c.reviewed / c.annotations : null;
}

/** "83 %" or "—". */
export function formatShare(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)} %`;
}

/** The calendar days (YYYY-MM-DD, UTC) from `days - 1` days before `today` to `today`. */
export function lastDays(days: number, today = new Date()): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
