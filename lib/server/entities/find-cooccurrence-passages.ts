import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { passageExcerpt } from "@/lib/entity-network/passage-excerpt";
import type { CooccurrencePassages, PassageHighlight } from "@/lib/entity-network/types";
import { placedAnnotationsSql } from "@/lib/server/entities/placed-annotations-sql";
import type { AnnotationVisibility } from "@/lib/server/assignments/visible-authors";

/** Most paragraphs listed for one edge. */
export const MAX_PASSAGES = 50;

type Row = {
  articleId: string;
  articleTitle: string;
  paragraph: number;
  text: string;
  start: number;
  total: number;
  highlights: PassageHighlight[];
};

/**
 * The paragraphs in which two entities are both tagged (an edge of the entity
 * network), by article title then position, with both entities' highlights
 * in each paragraph's offsets. 404 unless both entities (merged ones
 * included) and the article, when given, are the workspace's and not deleted.
 */
export async function findCooccurrencePassages(options: {
  workspaceId: string;
  entityIds: [string, string];
  articleId?: string;
  visibility: AnnotationVisibility;
}): Promise<CooccurrencePassages> {
  const { workspaceId, entityIds, articleId } = options;
  const [entities, articles] = await Promise.all([
    db.entity.count({ where: { id: { in: entityIds }, workspaceId, deletedAt: null } }),
    articleId ? db.article.count({ where: { id: articleId, workspaceId, deletedAt: null } }) : 1,
  ]);
  if (entities !== entityIds.length) throw notFound("Entity");
  if (!articles) throw notFound("Article");
  const rows = await db.$queryRaw<Row[]>`
    WITH ${placedAnnotationsSql({ ...options, minEntitiesPerRevision: 2 })},
    shared AS (
      SELECT "revisionId", paragraph, count(*) OVER ()::int AS total
      FROM placed
      GROUP BY "revisionId", paragraph
      HAVING count(DISTINCT "entityId") = 2
    ),
    listed AS (
      SELECT s.*, ar.id AS "articleId", ar.title AS "articleTitle"
      FROM shared s
      JOIN "Article" ar ON ar."currentRevisionId" = s."revisionId"
      ORDER BY ar.title, ar.id, s.paragraph
      LIMIT ${MAX_PASSAGES}
    )
    SELECT l."articleId", l."articleTitle", l.paragraph, l.total, b.text, b.start,
      json_agg(
        json_build_object('annotationId', p.id, 'entityId', p."entityId", 'start', p.start, 'end', p."end")
        ORDER BY p.start, p.id
      ) AS highlights
    FROM listed l
    JOIN blocks b ON b."revisionId" = l."revisionId" AND b.ord = l.paragraph
    JOIN placed p ON p."revisionId" = l."revisionId" AND p.paragraph = l.paragraph
    GROUP BY l."articleId", l."articleTitle", l.paragraph, l.total, b.text, b.start
    ORDER BY l."articleTitle", l."articleId", l.paragraph`;
  return {
    total: rows[0]?.total ?? 0,
    passages: rows.map((row) => {
      const inParagraph = row.highlights.map((h) => ({ ...h, start: h.start - row.start, end: h.end - row.start }));
      return {
        articleId: row.articleId,
        articleTitle: row.articleTitle,
        paragraph: row.paragraph,
        ...passageExcerpt(row.text, inParagraph),
      };
    }),
  };
}
