import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createQuoteSelector } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { activityExcerpt, recordActivities } from "@/lib/server/activity/record-activity";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { deleteRelationsOfAnnotations } from "@/lib/server/relations/delete-relation";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { requireUsableEntity } from "@/lib/server/entities/require-usable-entity";
import { publishLive } from "@/lib/server/live/publish-live";
import { resolveFilters, queryTsquery, searchFromSql, searchWhereSql } from "@/lib/server/search/search-sql";
import { findMatches } from "@/lib/search/highlight";
import type { ParsedSearchQuery } from "@/lib/search/parse-query";

/** The most annotations one tag-all creates. */
export const MAX_TAG_ALL = 10_000;

type Passage = { entryId: string; articleId: string; revisionId: string; start: number; body: string; title: string };
type Match = { articleId: string; revisionId: string; start: number; end: number; exact: string };

/**
 * The words a passage search matched, not yet highlighted by anyone the
 * viewer can see: every place a query term (or the entity filter's names)
 * occurs in the passages that match the query, optionally only in
 * `passageIds` (`<revisionId>:<paragraph>`).
 */
async function findTaggableMatches(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  query: ParsedSearchQuery;
  passageIds?: string[];
}): Promise<{ matches: Match[]; titles: Map<string, string> }> {
  const { workspaceId, viewer, query } = options;
  const [visibility, filters] = await Promise.all([
    findAnnotationVisibility({ workspaceId, viewer }),
    resolveFilters(workspaceId, query),
  ]);
  const tsquery = queryTsquery(query);
  const where = searchWhereSql({ workspaceId, visibility, query, tsquery, filters });
  const wanted = options.passageIds?.map((id) => `passage:${id}`);
  const passages = await db.$queryRaw<Passage[]>`
    SELECT e.id AS "entryId", e."articleId", e."revisionId", e.start, e.body, ar.title
      FROM ${searchFromSql}
     WHERE ${where} AND e.kind = 'passage'
       ${wanted ? (wanted.length ? Prisma.sql`AND e.id IN (${Prisma.join(wanted)})` : Prisma.sql`AND FALSE`) : Prisma.empty}
     ORDER BY ar."createdAt", e.start
     LIMIT ${MAX_TAG_ALL + 1}`;
  const terms = [
    ...query.groups.flat().map((t) => t.text),
    ...(filters.entities ?? []).flatMap((e) => [e.name, ...e.aliases]),
  ];
  const matches: Match[] = [];
  for (const p of passages) {
    for (const [s, e] of findMatches(p.body, terms)) {
      matches.push({
        articleId: p.articleId,
        revisionId: p.revisionId,
        start: p.start + s,
        end: p.start + e,
        exact: p.body.slice(s, e),
      });
    }
  }
  // Leave out what is already highlighted (exactly there) by anyone whose work the viewer sees.
  const taken = matches.length
    ? await db.annotation.findMany({
        where: {
          workspaceId,
          deletedAt: null,
          revisionId: { in: [...new Set(matches.map((m) => m.revisionId))] },
          ...(visibility.blindArticleIds.length
            ? { OR: [{ authorId: viewer.id }, { articleId: { notIn: visibility.blindArticleIds } }] }
            : {}),
        },
        select: { revisionId: true, start: true, end: true },
      })
    : [];
  const takenKeys = new Set(taken.map((a) => `${a.revisionId}:${a.start}:${a.end}`));
  const titles = new Map(passages.map((p) => [p.articleId, p.title]));
  return { matches: matches.filter((m) => !takenKeys.has(`${m.revisionId}:${m.start}:${m.end}`)), titles };
}

export type TagPreview = {
  count: number;
  articles: number;
  /** Up to 20 of the matches, with their article's title. */
  sample: { articleId: string; articleTitle: string; exact: string; start: number; end: number }[];
};

/** What tagging the query's passage matches would create: how many, in how many articles, a sample. */
export async function previewTagSearchMatches(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  query: ParsedSearchQuery;
  passageIds?: string[];
}): Promise<TagPreview> {
  const { matches, titles } = await findTaggableMatches(options);
  return {
    count: matches.length,
    articles: new Set(matches.map((m) => m.articleId)).size,
    sample: matches.slice(0, 20).map((m) => ({
      articleId: m.articleId,
      articleTitle: titles.get(m.articleId) ?? "",
      exact: m.exact,
      start: m.start,
      end: m.end,
    })),
  };
}

/**
 * Tags every match of the query in its passages (or in `passageIds`) as
 * `entityId`, by the viewer, in one transaction: all or none, at most
 * MAX_TAG_ALL (422 beyond). A revision saved meanwhile answers 409. Returns the
 * new annotations' ids, which undoTagSearchMatches takes back.
 */
export async function tagSearchMatches(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  query: ParsedSearchQuery;
  entityId: string;
  passageIds?: string[];
}): Promise<{ ids: string[]; count: number }> {
  const { workspaceId, viewer, entityId } = options;
  const { matches } = await findTaggableMatches(options);
  if (matches.length > MAX_TAG_ALL) {
    throw new AppError("UNPROCESSABLE", `At most ${MAX_TAG_ALL.toLocaleString("en")} matches can be tagged at once.`);
  }
  if (!matches.length) return { ids: [], count: 0 };
  const byArticle = new Map<string, Match[]>();
  for (const m of matches) byArticle.set(m.articleId, [...(byArticle.get(m.articleId) ?? []), m]);
  return db.$transaction(
    async (tx) => {
      await requireUsableEntity(tx, workspaceId, entityId);
      const ids: string[] = [];
      for (const [articleId, list] of byArticle) {
        const [article] = await tx.$queryRaw<{ text: string; revisionId: string }[]>`
          SELECT r.text, r.id AS "revisionId" FROM "Article" a JOIN "ArticleRevision" r ON r.id = a."currentRevisionId"
           WHERE a.id = ${articleId} AND a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL
           FOR KEY SHARE OF a`;
        if (!article || article.revisionId !== list[0].revisionId) {
          throw new AppError("CONFLICT", "An article's text changed meanwhile. Search again to tag the new text.");
        }
        const rows = list.map((m) => {
          if (article.text.slice(m.start, m.end) !== m.exact) {
            throw new AppError("CONFLICT", "An article's text changed meanwhile. Search again to tag the new text.");
          }
          const { prefix, suffix } = createQuoteSelector(article.text, m.start, m.end);
          return {
            id: newId(),
            workspaceId,
            articleId,
            revisionId: article.revisionId,
            authorId: viewer.id,
            start: m.start,
            end: m.end,
            exact: m.exact,
            prefix,
            suffix,
            entityId,
          };
        });
        await tx.annotation.createMany({ data: rows });
        await recordActivities(
          tx,
          rows.map((row) => ({
            action: "annotation.created" as const,
            actorId: viewer.id,
            workspaceId,
            target: { type: "annotation", id: row.id },
            data: { articleId, exact: activityExcerpt(row.exact), entityId, via: "search" },
          })),
        );
        await publishLive(tx, [annotationChanged(workspaceId, rows)]);
        ids.push(...rows.map((r) => r.id));
      }
      return { ids, count: ids.length };
    },
    { timeout: 60_000 },
  );
}

/**
 * Undoes a tag-all: soft-deletes those of `ids` that the viewer created and
 * are still live, in one transaction. Returns how many.
 */
export async function undoTagSearchMatches(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  ids: string[];
}): Promise<{ count: number }> {
  const { workspaceId, viewer, ids } = options;
  return db.$transaction(async (tx) => {
    const rows = await tx.annotation.findMany({
      where: { id: { in: ids }, workspaceId, authorId: viewer.id, deletedAt: null },
      select: { id: true, articleId: true, exact: true },
    });
    if (!rows.length) return { count: 0 };
    await tx.annotation.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    await recordActivities(
      tx,
      rows.map((row) => ({
        action: "annotation.deleted" as const,
        actorId: viewer.id,
        workspaceId,
        target: { type: "annotation", id: row.id },
        data: { articleId: row.articleId, exact: activityExcerpt(row.exact) },
      })),
    );
    // As deleting an annotation does: its relations go with it (and come back if it is restored).
    const relationEvents = await deleteRelationsOfAnnotations(
      tx,
      workspaceId,
      rows.map((r) => r.id),
    );
    const byArticle = new Map<string, typeof rows>();
    for (const r of rows) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r]);
    await publishLive(tx, [
      ...[...byArticle.values()].map((list) => annotationChanged(workspaceId, list)),
      ...relationEvents,
    ]);
    return { count: rows.length };
  });
}
