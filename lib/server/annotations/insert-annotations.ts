import "server-only";
import { preparedQuery, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationView } from "@/lib/server/annotations/annotation-select";
import type { WriteAccess } from "@/lib/auth/write-access";

/** An annotation checked against its revision's text, with the id of its "annotation.created" event. */
export type NewAnnotation = {
  id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  entityId: string | null;
  note: string | null;
  event: { id: string; data: Record<string, unknown> };
};

type Row = Omit<AnnotationView, "author" | "entity"> & {
  authorId: string;
  authorName: string;
  entityId: string | null;
  entityName: string | null;
  typeId: string | null;
  typeName: string | null;
  typeColor: string | null;
};

/**
 * Inserts annotations on `revisionId` and their "annotation.created" events in
 * one statement, hence all or none, and only if
 * - `access.member` finds the session's user, who becomes their author;
 * - the article is live in the workspace and `revisionId` still its current
 *   revision;
 * - every entity named is a live, unmerged entity of the workspace (the rule
 *   of requireUsableEntity).
 * Returns them as `annotationSelect` reads them, in the order given, or null
 * when a condition failed and nothing was written.
 */
export async function insertAnnotationsOnCurrentRevision(options: {
  workspaceId: string;
  articleId: string;
  revisionId: string;
  access: Pick<WriteAccess, "member">;
  annotations: NewAnnotation[];
  /** Runs the statement in this transaction (e.g. with an Idempotency-Key's claim) instead of on the pool. */
  tx?: Tx;
}): Promise<AnnotationView[] | null> {
  const { workspaceId, articleId, revisionId, access, annotations: list, tx } = options;
  const now = new Date();
  const column = <T>(pick: (a: NewAnnotation) => T) => list.map(pick);
  // FOR KEY SHARE is the lock the Article foreign key takes anyway; taking it while reading makes a
  // concurrent revision (which locks the row FOR UPDATE) either wait for this insert, so that it
  // re-anchors these rows, or win, and then the re-checked currentRevisionId stops the insert.
  const run = (query: Prisma.Sql) =>
    tx ? tx.$queryRaw<Row[]>(query) : preparedQuery<Row>("insert-annotations", query);
  const rows = await run(
    Prisma.sql`
    WITH "author" AS (${access.member}), "article" AS (
      SELECT "id" FROM "Article"
      WHERE "id" = ${articleId} AND "workspaceId" = ${workspaceId} AND "deletedAt" IS NULL
        AND "currentRevisionId" = ${revisionId}
      FOR KEY SHARE
    ), "input" AS (
      SELECT * FROM unnest(
        ${column((a) => a.id)}::text[], ${column((a) => a.start)}::int[], ${column((a) => a.end)}::int[],
        ${column((a) => a.exact)}::text[], ${column((a) => a.prefix)}::text[], ${column((a) => a.suffix)}::text[],
        ${column((a) => a.entityId)}::text[], ${column((a) => a.note)}::text[],
        ${column((a) => a.event.id)}::text[], ${column((a) => JSON.stringify(a.event.data))}::text[]
      ) WITH ORDINALITY
        AS t("id", "start", "end", "exact", "prefix", "suffix", "entityId", "note", "eventId", "eventData", "position")
    ), "inserted" AS (
      INSERT INTO "Annotation" ("id", "workspaceId", "articleId", "revisionId", "authorId", "start", "end", "exact",
        "prefix", "suffix", "entityId", "note", "createdAt", "updatedAt")
      SELECT i."id", ${workspaceId}, a."id", ${revisionId}, au."id", i."start", i."end", i."exact",
        i."prefix", i."suffix", i."entityId", i."note", ${now}::timestamp(3), ${now}::timestamp(3)
      FROM "input" i CROSS JOIN "article" a CROSS JOIN "author" au
      WHERE NOT EXISTS (
        SELECT 1 FROM "input" j
        WHERE j."entityId" IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM "Entity" e
          WHERE e."id" = j."entityId" AND e."workspaceId" = ${workspaceId}
            AND e."deletedAt" IS NULL AND e."mergedIntoId" IS NULL
        )
      )
      RETURNING *
    ), "events" AS (
      INSERT INTO "ActivityEvent" ("id", "workspaceId", "actorId", "action", "targetType", "targetId", "data", "createdAt")
      SELECT i."eventId", ${workspaceId}, n."authorId", 'annotation.created', 'annotation', n."id", i."eventData"::jsonb,
        ${now}::timestamp(3)
      FROM "inserted" n JOIN "input" i ON i."id" = n."id"
    ), "live" AS (
      INSERT INTO "LiveEvent" ("workspaceId", "articleId", "type", "data", "createdAt")
      SELECT ${workspaceId}, ${articleId}, 'annotation.changed',
        jsonb_build_object('annotationIds', jsonb_agg(n."id" ORDER BY i."position")), ${now}::timestamp(3)
      FROM "inserted" n JOIN "input" i ON i."id" = n."id"
      HAVING count(*) > 0
    )
    SELECT n."id", n."articleId", n."revisionId", n."start", n."end", n."exact", n."prefix", n."suffix", n."note",
      n."status"::text AS "status", n."anchorState"::text AS "anchorState", n."version", n."createdAt",
      n."updatedAt", n."deletedAt", au."id" AS "authorId", au."name" AS "authorName", e."id" AS "entityId",
      e."name" AS "entityName", t."id" AS "typeId", t."name" AS "typeName", t."color" AS "typeColor"
    FROM "inserted" n
    JOIN "input" i ON i."id" = n."id"
    JOIN "author" au ON au."id" = n."authorId"
    LEFT JOIN "Entity" e ON e."id" = n."entityId"
    LEFT JOIN "EntityType" t ON t."id" = e."typeId"
    ORDER BY i."position"`,
  );
  return rows.length ? rows.map(toView) : null;
}

/** The flat row in the shape (and key order) of `annotationSelect`. */
function toView(row: Row): AnnotationView {
  return {
    id: row.id,
    articleId: row.articleId,
    revisionId: row.revisionId,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    note: row.note,
    status: row.status,
    anchorState: row.anchorState,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    author: { id: row.authorId, name: row.authorName },
    entity:
      row.entityId === null
        ? null
        : {
            id: row.entityId,
            name: row.entityName!,
            type: { id: row.typeId!, name: row.typeName!, color: row.typeColor! },
          },
  };
}
