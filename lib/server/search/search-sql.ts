import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleSearchEntriesSql, type AnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import type { ParsedSearchQuery, SearchKind, SearchTerm } from "@/lib/search/parse-query";
import { searchKinds } from "@/lib/search/parse-query";

const SINGLE_CJK = /^[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]$/;

/**
 * One term as a tsquery, built by PostgreSQL from the term as plain text
 * (phraseto_tsquery never refuses its input), through the same
 * normalization as the index. A lone Chinese or Japanese character, which
 * the index holds only inside character pairs, matches as a prefix.
 */
export function termTsquery(term: SearchTerm): Prisma.Sql {
  const text = term.text.trim();
  if (SINGLE_CJK.test(text)) return Prisma.sql`to_tsquery('simple', ${text} || ':*')`;
  return Prisma.sql`phraseto_tsquery('english', "marginalia_search_text"(${text}))`;
}

function anyOf(terms: SearchTerm[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(terms.map(termTsquery), " || ")})`;
}

/** The query's terms as one tsquery expression, or null when it has none (filters only). */
export function queryTsquery(query: ParsedSearchQuery): Prisma.Sql | null {
  const parts: Prisma.Sql[] = query.groups.map(anyOf);
  for (const term of query.exclude) parts.push(Prisma.sql`!!${termTsquery(term)}`);
  if (!parts.length) return null;
  return Prisma.sql`(${Prisma.join(parts, " && ")})`;
}

export type ResolvedFilters = {
  typeIds: string[] | null;
  entities: { id: string; name: string; aliases: string[] }[] | null;
  authorIds: string[] | null;
  articleIds: string[] | null;
};

/** Turns the filters' names into ids of the workspace (a name that matches nothing matches no row). */
export async function resolveFilters(workspaceId: string, query: ParsedSearchQuery): Promise<ResolvedFilters> {
  const f = query.filters;
  const [typeIds, entities, authorIds, articleIds] = await Promise.all([
    f.type.length
      ? db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "EntityType"
           WHERE "workspaceId" = ${workspaceId}
             AND "marginalia_search_normalize"(name) IN (SELECT "marginalia_search_normalize"(v) FROM unnest(${f.type}::text[]) v)`.then(
          (rows) => rows.map((r) => r.id),
        )
      : null,
    f.entity.length
      ? db.$queryRaw<{ id: string; name: string; aliases: string[] }[]>`
          WITH wanted AS (SELECT v, "marginalia_search_normalize"(v) AS n FROM unnest(${f.entity}::text[]) v)
          SELECT e.id, e.name, e.aliases FROM "Entity" e
           WHERE e."workspaceId" = ${workspaceId} AND e."deletedAt" IS NULL AND e."mergedIntoId" IS NULL
             AND (e.id IN (SELECT v FROM wanted)
                  OR "marginalia_search_normalize"(e.name) IN (SELECT n FROM wanted)
                  OR EXISTS (SELECT 1 FROM unnest(e.aliases) al WHERE "marginalia_search_normalize"(al) IN (SELECT n FROM wanted)))
           LIMIT 50`
      : null,
    f.author.length
      ? db.$queryRaw<{ id: string }[]>`
          WITH wanted AS (SELECT v, "marginalia_search_normalize"(v) AS n FROM unnest(${f.author}::text[]) v)
          SELECT u.id FROM "Membership" m JOIN "User" u ON u.id = m."userId"
           WHERE m."workspaceId" = ${workspaceId}
             AND EXISTS (SELECT 1 FROM wanted w
                          WHERE u.id = w.v OR position(w.n IN "marginalia_search_normalize"(u.name)) > 0
                             OR starts_with(lower(u.email), lower(w.v)))`.then((rows) => rows.map((r) => r.id))
      : null,
    f.article.length
      ? db.$queryRaw<{ id: string }[]>`
          WITH wanted AS (SELECT v, "marginalia_search_normalize"(v) AS n FROM unnest(${f.article}::text[]) v)
          SELECT a.id FROM "Article" a
           WHERE a."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL
             AND EXISTS (SELECT 1 FROM wanted w WHERE a.id = w.v OR position(w.n IN "marginalia_search_normalize"(a.title)) > 0)
           LIMIT 1000`.then((rows) => rows.map((r) => r.id))
      : null,
  ]);
  return { typeIds, entities, authorIds, articleIds };
}

/**
 * Exclusions alone ("-zzzz"): every entry but the index's matches of any
 * excluded term, as an anti-join. `document @@ !!term` would read every
 * entry's document: 1.6–2.2 s for the 677,000 entries of the search
 * benchmark, against 0.24 s (bench/README.md, "Search"). An excluded stop
 * word, which matches nothing, excludes nothing.
 */
function withoutExcludedSql(workspaceId: string, exclude: SearchTerm[]): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM "SearchEntry" x
     WHERE x.id = e.id AND x."workspaceId" = ${workspaceId} AND x.document @@ ${anyOf(exclude)})`;
}

/**
 * The entries of the workspace that a query of exclusions alone (or of
 * nothing) leaves out, as rows for facetRowsSql: those of deleted articles,
 * those the blind rule hides from the viewer, and the matches of any excluded
 * term. Each condition is one an index answers (the entries' article, the
 * document), so these few entries are found without reading the others.
 */
export function unmatchedByExclusionsSql(options: {
  workspaceId: string;
  visibility: AnnotationVisibility;
  exclude: SearchTerm[];
}): Prisma.Sql {
  const { workspaceId, visibility, exclude } = options;
  const blind = visibility.blindArticleIds;
  const hidden = blind.length
    ? Prisma.sql`OR (e."articleId" IN (${Prisma.join(blind)}) AND NOT (${visibleSearchEntriesSql(visibility, "e")}))`
    : Prisma.empty;
  return Prisma.sql`(
    SELECT e.id, e.kind, e."articleId", e."entityId", e."entityTypeId", e."authorId", e.status, e.date
      FROM "SearchEntry" e
     WHERE e."workspaceId" = ${workspaceId}
       AND (e."articleId" = ANY (ARRAY(
              SELECT gone.id FROM "Article" gone WHERE gone."workspaceId" = ${workspaceId} AND gone."deletedAt" IS NOT NULL))
            ${hidden}
            ${exclude.length ? Prisma.sql`OR e.document @@ ${anyOf(exclude)}` : Prisma.empty}))`;
}

const ids = (list: string[]) => (list.length ? Prisma.sql`(${Prisma.join(list)})` : Prisma.sql`(NULL)`);
const kindsSql = (kinds: readonly SearchKind[]) => Prisma.sql`(${Prisma.join([...kinds])})`;

/**
 * The WHERE clause of every search: the workspace, what the viewer may see
 * (live articles — deleted and hidden comments and the comments of deleted
 * annotations have no entry — and the blind rule), the terms and the filters. Over `"SearchEntry" e` joined as in `searchFromSql`.
 */
export function searchWhereSql(options: {
  workspaceId: string;
  visibility: AnnotationVisibility;
  query: ParsedSearchQuery;
  tsquery: Prisma.Sql | null;
  filters: ResolvedFilters;
}): Prisma.Sql {
  const { workspaceId, visibility, query, tsquery, filters } = options;
  const f = query.filters;
  const clauses: Prisma.Sql[] = [
    Prisma.sql`e."workspaceId" = ${workspaceId}`,
    // An anti-join on the workspace's deleted articles (usually none) rather than a look-up of every match's article.
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Article" gone WHERE gone.id = e."articleId" AND gone."deletedAt" IS NOT NULL)`,
    visibleSearchEntriesSql(visibility, "e"),
  ];
  if (tsquery) {
    clauses.push(
      query.groups.length || !query.exclude.length
        ? Prisma.sql`e.document @@ ${tsquery}`
        : withoutExcludedSql(workspaceId, query.exclude),
    );
  }
  if (f.kind.length) clauses.push(Prisma.sql`e.kind IN ${kindsSql(f.kind)}`);
  if (filters.typeIds) {
    clauses.push(Prisma.sql`(e.kind IN ('annotation', 'entity') AND e."entityTypeId" IN ${ids(filters.typeIds)})`);
  }
  if (filters.entities) {
    const entityIds = ids(filters.entities.map((e) => e.id));
    const names = filters.entities.flatMap((e) => [e.name, ...e.aliases]).filter((n) => /[\p{L}\p{N}]/u.test(n));
    const passage = names.length
      ? Prisma.sql`OR (e.kind = 'passage' AND e.document @@ ${anyOf(names.map((text) => ({ text, phrase: true })))})`
      : Prisma.empty;
    clauses.push(Prisma.sql`(
      (e.kind IN ('annotation', 'entity', 'comment') AND e."entityId" IN ${entityIds})
      ${passage})`);
  }
  if (filters.authorIds) {
    clauses.push(Prisma.sql`(e.kind IN ('annotation', 'comment') AND e."authorId" IN ${ids(filters.authorIds)})`);
  }
  if (f.status.length) {
    clauses.push(Prisma.sql`(e.kind = 'annotation' AND e.status::text IN (${Prisma.join(f.status)}))`);
  }
  if (filters.articleIds) {
    clauses.push(Prisma.sql`(e.kind <> 'entity' AND e."articleId" IN ${ids(filters.articleIds)})`);
  }
  if (f.before) clauses.push(Prisma.sql`e.date < ${f.before}::date`);
  if (f.after) clauses.push(Prisma.sql`e.date >= ${f.after}::date`);
  return Prisma.join(clauses, " AND ");
}

/**
 * The entries with their article (`ar`, for its title). A comment's entry holds
 * its annotation's entity and exists only while the annotation is live (the
 * search triggers see to both), so no query joins the annotations.
 */
export const searchFromSql = Prisma.sql`"SearchEntry" e
  LEFT JOIN "Article" ar ON ar.id = e."articleId"`;

export const allKindsSql = kindsSql(searchKinds);
