import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { findSimilarNames } from "@/lib/server/search/did-you-mean";
import { queryTsquery, searchFromSql, searchWhereSql } from "@/lib/server/search/search-sql";
import { makeSnippet } from "@/lib/search/highlight";
import { parseSearchQuery } from "@/lib/search/parse-query";
import type { SuggestItem } from "@/lib/validations/search";

/**
 * How long the palette waits for its annotation or passage hits. Words that
 * rarely occur together in annotations can make the planner scan for the
 * first few (≈ 1 s at 500,000 annotations, bench/README.md); the palette then
 * answers without those hits (entities, titles and members still come) and
 * Enter opens the search page, which finds them.
 */
export const HIT_BUDGET_MS = 150;

/**
 * The budget of the hits when they are asked for on their own (`part: "hits"`):
 * the palette then shows the names first and adds the hits as they come, so
 * a slower hit no longer holds up its first results.
 */
export const HITS_ALONE_BUDGET_MS = 1000;

/** What to answer: the names (entities, articles, members), the hits (annotations, passages), or both. */
export type SuggestPart = "names" | "hits";

/**
 * Runs a hit query with a statement timeout of `ms`; no rows if it runs out.
 * Only bitmap scans of the (kind, document) index: a LIMIT 5 tempts the
 * planner into reading the table until five matches turn up, which takes
 * anything from 1 ms to a second depending on where the matches lie and
 * where a synchronized sequential scan starts; the bitmap of one kind's
 * matches costs 1–15 ms however common the word (bench/README.md, "Search").
 */
async function within<T>(ms: number, query: Prisma.Sql): Promise<T[]> {
  try {
    const [, rows] = await db.$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(ms)}, true),
                          set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
      db.$queryRaw<T[]>(query),
    ]);
    return rows;
  } catch (err) {
    if (/57014|statement timeout|canceling statement/i.test(String(err))) return [];
    throw err;
  }
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type NamedRow = { id: string; kind: string; label: string; detail: string | null };
type HitRow = {
  kind: "annotation" | "passage";
  entryId: string;
  articleId: string;
  annotationId: string | null;
  start: number | null;
  body: string;
  title: string;
};

/**
 * What the command palette offers for `text` as it is typed: entities (name
 * or alias containing it, else names spelled closely), articles (title),
 * members (name or email), and the first matching annotations and passages
 * the index yields (neither best nor newest: ranking or ordering every match
 * of a common word took 1.5 s at 500,000 annotations, far past the palette's
 * 100 ms; the search page ranks) — only what the viewer may see, a few of each.
 */
export async function suggestSearch(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
  text: string;
  /** Only the names or only the hits; both when absent. */
  part?: SuggestPart;
}): Promise<{ data: SuggestItem[]; didYouMean: string | null }> {
  const { workspaceId, viewer, part } = options;
  const wantNames = part !== "hits";
  const wantHits = part !== "names";
  const budget = part === "hits" ? HITS_ALONE_BUDGET_MS : HIT_BUDGET_MS;
  const query = parseSearchQuery(options.text);
  const plain = query.groups
    .flat()
    .map((t) => t.text)
    .join(" ")
    .trim();
  if (!plain) return { data: [], didYouMean: null };
  const like = `%${likeEscape(plain)}%`;
  const tsquery = wantHits ? queryTsquery({ ...query, exclude: [] }) : null;
  const where = tsquery
    ? searchWhereSql({
        workspaceId,
        visibility: await findAnnotationVisibility({ workspaceId, viewer }),
        query: { ...query, exclude: [] },
        tsquery,
        filters: { typeIds: null, entities: null, authorIds: null, articleIds: null },
      })
    : null;

  const [named, members, hits] = await Promise.all([
    wantNames
      ? db.$queryRaw<NamedRow[]>`
      (SELECT e."entityId" AS id, 'entity' AS kind, en.name AS label, et.name AS detail
         FROM "SearchEntry" e JOIN "Entity" en ON en.id = e."entityId" JOIN "EntityType" et ON et.id = en."typeId"
        WHERE e."workspaceId" = ${workspaceId} AND e.kind = 'entity'
          AND e.normalized LIKE "marginalia_search_normalize"(${like})
          AND "marginalia_search_normalize"(e.body) LIKE "marginalia_search_normalize"(${like})
        ORDER BY char_length(en.name), en.name LIMIT 5)
      UNION ALL
      (SELECT e."articleId" AS id, 'article' AS kind, a.title AS label, a.source AS detail
         FROM "SearchEntry" e JOIN "Article" a ON a.id = e."articleId"
        WHERE e."workspaceId" = ${workspaceId} AND e.kind = 'article' AND a."deletedAt" IS NULL
          AND e.normalized LIKE "marginalia_search_normalize"(${like})
        ORDER BY a."createdAt" DESC LIMIT 5)`
      : ([] as NamedRow[]),
    wantNames
      ? db.$queryRaw<NamedRow[]>`
      SELECT u.id, 'member' AS kind, u.name AS label, u.email AS detail
        FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE m."workspaceId" = ${workspaceId}
         AND ("marginalia_search_normalize"(u.name) LIKE "marginalia_search_normalize"(${like})
              OR lower(u.email) LIKE lower(${like}))
       ORDER BY u.name LIMIT 5`
      : ([] as NamedRow[]),
    where
      ? Promise.all(
          (["annotation", "passage"] as const).map((kind) =>
            within<HitRow>(
              budget,
              Prisma.sql`
                SELECT e.kind, e.id AS "entryId", e."articleId", e."annotationId", e.start, e.body, ar.title
                  FROM ${searchFromSql} WHERE ${where} AND e.kind = ${kind}
                 LIMIT 5`,
            ),
          ),
        ).then((lists) => lists.flat())
      : Promise.resolve([] as HitRow[]),
  ]);

  const terms = query.groups.flat().map((t) => t.text);
  const data: SuggestItem[] = [];
  let didYouMean: string | null = null;
  const entities = named.filter((r) => r.kind === "entity");
  if (wantNames && !entities.length && query.groups.length === 1 && /^\p{Script=Latin}{4,}$/u.test(plain)) {
    const [best] = await findSimilarNames(workspaceId, plain, 1);
    if (best) {
      didYouMean = best;
      entities.push(
        ...(await db.$queryRaw<NamedRow[]>`
          SELECT en.id, 'entity' AS kind, en.name AS label, et.name AS detail
            FROM "SearchEntry" e JOIN "Entity" en ON en.id = e."entityId" JOIN "EntityType" et ON et.id = en."typeId"
           WHERE e."workspaceId" = ${workspaceId} AND e.kind = 'entity'
             AND "marginalia_search_normalize"(e.body) ~ ('\\m' || ${best} || '\\M')
           ORDER BY en.name LIMIT 5`),
      );
    }
  }
  for (const r of entities) data.push({ kind: "entity", id: r.id, label: r.label, detail: r.detail ?? undefined });
  for (const r of named.filter((n) => n.kind === "article")) {
    data.push({ kind: "article", id: r.id, label: r.label, detail: r.detail ?? undefined });
  }
  for (const r of members) data.push({ kind: "member", id: r.id, label: r.label, detail: r.detail ?? undefined });
  for (const hit of hits) {
    const { snippet, first } = makeSnippet(hit.body, terms, 100);
    const id = hit.entryId.slice(hit.entryId.indexOf(":") + 1);
    const item: SuggestItem = { kind: hit.kind, id, label: snippet, detail: hit.title, articleId: hit.articleId };
    if (hit.kind === "passage" && hit.start !== null && first)
      item.range = [hit.start + first[0], hit.start + first[1]];
    data.push(item);
  }
  return { data, didYouMean };
}
