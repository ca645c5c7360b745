import "server-only";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { ImportedRelation, ImportProblem } from "@/lib/import";
import { recordActivities } from "@/lib/server/activity/record-activity";
import type { LiveEventInput } from "@/lib/server/live/publish-live";
import { relationChanged } from "@/lib/server/relations/relation-changed";

/** A relation of the file to write, with its author and the review the importer may keep. */
export type PlannedRelation = {
  relation: ImportedRelation;
  authorId: string;
  review: {
    status: "ACCEPTED" | "REJECTED";
    reviewedById: string;
    reviewedAt: Date;
    rejectionReason: string | null;
  } | null;
};

/** Colours of relation types an import creates, in turn. */
const NEW_RELATION_TYPE_COLORS = ["#6b5bd6", "#c4661f", "#1f8f6a", "#b83a6e", "#3f7fbf"];

/** A type name compared the way brat writes it (spaces as `_`) and case-insensitively. */
const typeKey = (name: string) =>
  name
    .trim()
    .replace(/[^\p{L}\p{N}_-]+/gu, "_")
    .toLowerCase();

/**
 * In an import's transaction, after its annotations are written: the file's
 * relations between them (`annotationIds`: the file's highlight ids → the new
 * annotations). Types are matched by name (brat's `member_of` is “member of”);
 * a type the workspace lacks is created, unconstrained. A relation whose ends
 * a type's entity-type constraints refuse is left out and reported, as the
 * API would refuse it. Returns how many were written, what was left out and
 * the live events to publish.
 */
export async function writeImportedRelations(
  tx: Tx,
  options: {
    workspaceId: string;
    articleId: string;
    actorId: string;
    planned: readonly PlannedRelation[];
    annotationIds: ReadonlyMap<string, string>;
  },
): Promise<{ created: number; skipped: ImportProblem[]; live: LiveEventInput[] }> {
  const { workspaceId, articleId, actorId, annotationIds } = options;
  const planned = options.planned.filter(
    (p) => annotationIds.has(p.relation.sourceId) && annotationIds.has(p.relation.targetId),
  );
  if (!planned.length) return { created: 0, skipped: [], live: [] };
  const types = await tx.relationType.findMany({
    where: { workspaceId },
    select: { id: true, name: true, sourceTypeIds: true, targetTypeIds: true, archivedAt: true, position: true },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }],
  });
  const byKey = new Map<string, (typeof types)[number]>();
  for (const t of types) if (!byKey.has(typeKey(t.name))) byKey.set(typeKey(t.name), t);
  let position = Math.max(-1, ...types.map((t) => t.position));
  const created: { id: string; name: string }[] = [];
  for (const { relation } of planned) {
    const key = typeKey(relation.type);
    if (byKey.has(key)) continue;
    const row = {
      id: newId(),
      workspaceId,
      name: relation.type.trim().replace(/_/g, " "),
      directed: relation.directed !== false,
      sourceTypeIds: [],
      targetTypeIds: [],
      color: NEW_RELATION_TYPE_COLORS[created.length % NEW_RELATION_TYPE_COLORS.length],
      position: ++position,
    };
    await tx.relationType.create({ data: row });
    byKey.set(key, { ...row, archivedAt: null });
    created.push(row);
  }

  const ends = await tx.annotation.findMany({
    where: {
      id: {
        in: [...new Set(planned.flatMap((p) => [p.relation.sourceId, p.relation.targetId]))].map((s) =>
          annotationIds.get(s)!,
        ),
      },
    },
    select: { id: true, entity: { select: { typeId: true } } },
  });
  const entityTypeOf = new Map(ends.map((e) => [e.id, e.entity?.typeId ?? null]));
  const allows = (allowed: string[], annotationId: string) =>
    !allowed.length || allowed.includes(entityTypeOf.get(annotationId) ?? "");

  const skipped: ImportProblem[] = [];
  const now = Date.now();
  const rows = planned.flatMap((p, i) => {
    const type = byKey.get(typeKey(p.relation.type))!;
    const sourceId = annotationIds.get(p.relation.sourceId)!;
    const targetId = annotationIds.get(p.relation.targetId)!;
    if (sourceId === targetId || !allows(type.sourceTypeIds, sourceId) || !allows(type.targetTypeIds, targetId)) {
      skipped.push({
        item: p.relation.item,
        ...(p.relation.line ? { line: p.relation.line } : {}),
        message: `A “${type.name}” relation whose ends the type does not allow was not imported.`,
      });
      return [];
    }
    return [
      {
        id: newId(),
        workspaceId,
        articleId,
        sourceId,
        targetId,
        typeId: type.id,
        authorId: p.authorId,
        note: p.relation.note?.trim() || null,
        status: p.review?.status ?? ("PROPOSED" as const),
        reviewedById: p.review?.reviewedById ?? null,
        reviewedAt: p.review?.reviewedAt ?? null,
        rejectionReason: p.review?.rejectionReason ?? null,
        createdAt: new Date(now + i),
        updatedAt: new Date(now + i),
      },
    ];
  });
  if (rows.length) await tx.relation.createMany({ data: rows });
  await recordActivities(tx, [
    ...created.map((t) => ({
      action: "relation_type.created" as const,
      actorId,
      workspaceId,
      target: { type: "relation_type", id: t.id },
      data: { name: t.name },
    })),
  ]);
  const live: LiveEventInput[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    live.push(
      relationChanged(
        workspaceId,
        articleId,
        rows.slice(i, i + 500).map((r) => r.id),
      ),
    );
  }
  return { created: rows.length, skipped, live };
}
