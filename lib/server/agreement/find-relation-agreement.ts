import "server-only";
import { db } from "@/lib/db";
import type { PrfCounts } from "@/lib/agreement";
import { relationAgreement, type AgreementRelation } from "@/lib/agreement/relations";

/** Relation precision/recall/F1 for one pair of analysts (B against A), exact and by overlap. */
export type RelationPairAgreement = { a: string; b: string; exact: PrfCounts; overlap: PrfCounts };

export type RelationAgreement = {
  /** Relations each analyst made between anchored annotations of the current text. */
  counts: Record<string, number>;
  pairs: RelationPairAgreement[];
};

/**
 * Relation agreement between analysts on an article's current text
 * (lib/agreement/relations): their live relations whose two ends are live
 * annotations anchored on the current revision, labelled by type name.
 */
export async function findRelationAgreement(options: {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  analystIds: readonly string[];
}): Promise<RelationAgreement> {
  const { workspaceId, articleId, revisionId, analystIds } = options;
  const end = { deletedAt: null, revisionId, anchorState: { not: "ORPHANED" as const } };
  const rows = await db.relation.findMany({
    where: { workspaceId, articleId, deletedAt: null, authorId: { in: [...analystIds] }, source: end, target: end },
    select: {
      authorId: true,
      type: { select: { name: true, directed: true } },
      source: { select: { start: true, end: true } },
      target: { select: { start: true, end: true } },
    },
  });
  const byAnalyst = new Map<string, AgreementRelation[]>(analystIds.map((id) => [id, []]));
  for (const r of rows) {
    byAnalyst
      .get(r.authorId)
      ?.push({ type: r.type.name, directed: r.type.directed, source: r.source, target: r.target });
  }
  const pairs: RelationPairAgreement[] = [];
  for (let i = 0; i < analystIds.length; i++) {
    for (let j = i + 1; j < analystIds.length; j++) {
      const a = byAnalyst.get(analystIds[i])!;
      const b = byAnalyst.get(analystIds[j])!;
      pairs.push({
        a: analystIds[i],
        b: analystIds[j],
        exact: relationAgreement(a, b, "exact"),
        overlap: relationAgreement(a, b, "overlap"),
      });
    }
  }
  return { counts: Object.fromEntries([...byAnalyst].map(([id, list]) => [id, list.length])), pairs };
}
