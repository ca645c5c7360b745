import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RelationEdge } from "@/lib/entity-network/types";
import type { AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

/**
 * Entity relations are derived: a relation between two annotations tagged to
 * entities is a mention of a relation between those entities. These queries
 * count them over live relations between live annotations of live articles,
 * under the blind rule (a blind analyst counts only their own relations
 * between their own annotations on the articles they annotate blind).
 */
function liveRelationsSql(workspaceId: string, visibility: AnnotationVisibility, articleId?: string): Prisma.Sql {
  const blind = visibility.blindArticleIds;
  const viewer = visibility.viewerId;
  return Prisma.sql`
    r."workspaceId" = ${workspaceId} AND r."deletedAt" IS NULL
    AND a."deletedAt" IS NULL AND b."deletedAt" IS NULL AND ar."deletedAt" IS NULL
    AND ea."deletedAt" IS NULL AND eb."deletedAt" IS NULL AND ea.id <> eb.id
    AND (${articleId ?? null}::text IS NULL OR r."articleId" = ${articleId ?? null}::text)
    AND (${blind.length === 0} OR r."articleId" <> ALL(${blind}::text[])
         OR (r."authorId" = ${viewer} AND a."authorId" = ${viewer} AND b."authorId" = ${viewer}))`;
}

const FROM = Prisma.sql`
  FROM "Relation" r
  JOIN "RelationType" t ON t.id = r."typeId"
  JOIN "Annotation" a ON a.id = r."sourceId"
  JOIN "Annotation" b ON b.id = r."targetId"
  JOIN "Entity" ea ON ea.id = a."entityId"
  JOIN "Entity" eb ON eb.id = b."entityId"
  JOIN "Article" ar ON ar.id = r."articleId"`;

/** One relation of an entity with another, grouped over its mentions. */
export type EntityRelationGroup = {
  typeId: string;
  typeName: string;
  color: string;
  /** `out`: this entity is the source ("leads →"); `in`: the target ("← led by"); `both`: a symmetric type. */
  direction: "out" | "in" | "both";
  /** How it reads from this entity: the type's name, or its inverse label for incoming relations. */
  label: string;
  other: { id: string; name: string };
  mentions: number;
  articles: number;
  /** The passages as evidence: the first few mentions, newest first. */
  evidence: { relationId: string; articleId: string; articleTitle: string; sourceExact: string; targetExact: string }[];
};

const EVIDENCE_PER_GROUP = 5;

/** The relations of an entity with other entities, grouped by type, direction and other entity, most mentioned first. */
export async function findEntityRelations(options: {
  workspaceId: string;
  entityId: string;
  visibility: AnnotationVisibility;
}): Promise<EntityRelationGroup[]> {
  const { workspaceId, entityId, visibility } = options;
  const rows = await db.$queryRaw<
    {
      relationId: string;
      articleId: string;
      articleTitle: string;
      typeId: string;
      typeName: string;
      inverseLabel: string | null;
      directed: boolean;
      color: string;
      sourceEntityId: string;
      sourceName: string;
      targetEntityId: string;
      targetName: string;
      sourceExact: string;
      targetExact: string;
    }[]
  >`
    SELECT r.id AS "relationId", r."articleId", ar.title AS "articleTitle", t.id AS "typeId", t.name AS "typeName",
           t."inverseLabel", t.directed, t.color, ea.id AS "sourceEntityId", ea.name AS "sourceName",
           eb.id AS "targetEntityId", eb.name AS "targetName", a.exact AS "sourceExact", b.exact AS "targetExact"
    ${FROM}
    WHERE ${liveRelationsSql(workspaceId, visibility)} AND (ea.id = ${entityId} OR eb.id = ${entityId})
    ORDER BY r."createdAt" DESC, r.id`;
  const groups = new Map<string, EntityRelationGroup & { articleIds: Set<string> }>();
  for (const row of rows) {
    const outgoing = row.sourceEntityId === entityId;
    const direction = !row.directed ? "both" : outgoing ? "out" : "in";
    const other = outgoing
      ? { id: row.targetEntityId, name: row.targetName }
      : { id: row.sourceEntityId, name: row.sourceName };
    const key = `${row.typeId}:${direction}:${other.id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        typeId: row.typeId,
        typeName: row.typeName,
        color: row.color,
        direction,
        label: direction === "in" ? (row.inverseLabel ?? row.typeName) : row.typeName,
        other,
        mentions: 0,
        articles: 0,
        evidence: [],
        articleIds: new Set(),
      };
      groups.set(key, group);
    }
    group.mentions++;
    group.articleIds.add(row.articleId);
    if (group.evidence.length < EVIDENCE_PER_GROUP) {
      group.evidence.push({
        relationId: row.relationId,
        articleId: row.articleId,
        articleTitle: row.articleTitle,
        sourceExact: row.sourceExact,
        targetExact: row.targetExact,
      });
    }
  }
  return [...groups.values()]
    .map(({ articleIds, ...g }) => ({ ...g, articles: articleIds.size }))
    .sort(
      (x, y) => y.mentions - x.mentions || x.label.localeCompare(y.label) || x.other.name.localeCompare(y.other.name),
    );
}

/** The typed relation edges between entities (in one article, if given), most mentioned first. */
export function findRelationEdges(options: {
  workspaceId: string;
  articleId?: string;
  visibility: AnnotationVisibility;
}): Promise<RelationEdge[]> {
  return db.$queryRaw<RelationEdge[]>`
    SELECT ea.id AS source, eb.id AS target, t.id AS "typeId", t.directed, count(*)::int AS count
    ${FROM}
    WHERE ${liveRelationsSql(options.workspaceId, options.visibility, options.articleId)}
      AND ea."mergedIntoId" IS NULL AND eb."mergedIntoId" IS NULL
    GROUP BY ea.id, eb.id, t.id
    ORDER BY count DESC, source, target
    LIMIT 25000`;
}
