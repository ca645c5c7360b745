import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EntityNetwork, NetworkEdge, NetworkNode } from "@/lib/entity-network/types";
import { liveEntityFilters, placedAnnotationsSql } from "@/lib/server/entities/placed-annotations-sql";
import { visibleAnnotationsWhere, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { findRelationEdges } from "@/lib/server/relations/find-entity-relations";

/** Most edges sent at once: past this a graph is a hairball anyway, and the weakest go first. */
export const MAX_NETWORK_EDGES = 25_000;

export type EntityNetworkFilter = {
  workspaceId: string;
  articleId?: string;
  typeIds?: string[];
  minWeight?: number;
  /** Whose annotations count (the blind-annotation rule): see findAnnotationVisibility. */
  visibility: AnnotationVisibility;
};

/**
 * The workspace's entity co-occurrence network: every live, unmerged entity
 * with at least one live mention (sized by its mention count), and an edge
 * between two entities for each paragraph in which both are tagged; and,
 * distinct from those, the typed relation edges (see findRelationEdges).
 */
export async function findEntityNetwork(filter: EntityNetworkFilter): Promise<EntityNetwork> {
  const [types, nodes, edges, relationEdges] = await Promise.all([
    db.entityType.findMany({
      where: { workspaceId: filter.workspaceId },
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, color: true },
    }),
    findNodes(filter),
    findEdges(filter),
    findRelationEdges(filter),
  ]);
  const used = new Set(nodes.map((n) => n.typeId));
  const nodeIds = new Set(nodes.map((n) => n.id));
  const shownRelations = relationEdges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  const relationTypeIds = [...new Set(shownRelations.map((e) => e.typeId))];
  const relationTypes = relationTypeIds.length
    ? await db.relationType.findMany({
        where: { id: { in: relationTypeIds } },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { id: true, name: true, color: true, directed: true },
      })
    : [];
  return {
    types: types.filter((t) => used.has(t.id)),
    nodes,
    edges: edges.slice(0, MAX_NETWORK_EDGES),
    truncated: edges.length > MAX_NETWORK_EDGES,
    relationTypes,
    relationEdges: shownRelations,
  };
}

/**
 * Mentions count every live annotation on a live article, as the entity page
 * does, including ones on older revisions or orphaned: they are still mentions.
 */
function findNodes(filter: EntityNetworkFilter): Promise<NetworkNode[]> {
  const conditions = [
    Prisma.sql`a."workspaceId" = ${filter.workspaceId}`,
    Prisma.sql`a."deletedAt" IS NULL`,
    Prisma.sql`ar."deletedAt" IS NULL`,
    Prisma.sql`e."deletedAt" IS NULL`,
    Prisma.sql`e."mergedIntoId" IS NULL`,
    ...liveEntityFilters(filter),
  ];
  return db.$queryRaw<NetworkNode[]>`
    SELECT e.id, e.name, e."typeId", count(*)::int AS mentions
    FROM "Annotation" a
    JOIN "Article" ar ON ar.id = a."articleId"
    JOIN "Entity" e ON e.id = a."entityId"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY e.id
    ORDER BY mentions DESC, e.name, e.id`;
}

function findEdges(filter: EntityNetworkFilter): Promise<NetworkEdge[]> {
  return db.$queryRaw<NetworkEdge[]>`
    WITH ${placedAnnotationsSql({ ...filter, minEntitiesPerRevision: 2 })},
    paragraphs AS (SELECT DISTINCT "entityId", "revisionId", paragraph FROM placed)
    SELECT p."entityId" AS source, q."entityId" AS target, count(*)::int AS weight
    FROM paragraphs p
    JOIN paragraphs q ON q."revisionId" = p."revisionId" AND q.paragraph = p.paragraph AND q."entityId" > p."entityId"
    GROUP BY p."entityId", q."entityId"
    HAVING count(*) >= ${filter.minWeight ?? 1}
    ORDER BY weight DESC, source, target
    LIMIT ${MAX_NETWORK_EDGES + 1}`;
}

/** The live articles in which at least one live entity is tagged: the choices of the network's article filter. */
export function findNetworkArticles(
  workspaceId: string,
  visibility: AnnotationVisibility,
): Promise<{ id: string; title: string }[]> {
  return db.article.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      annotations: {
        some: {
          deletedAt: null,
          entity: { deletedAt: null, mergedIntoId: null },
          ...visibleAnnotationsWhere(visibility),
        },
      },
    },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true },
  });
}
