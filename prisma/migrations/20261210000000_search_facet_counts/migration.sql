-- Facet counts of each workspace's search entries, kept by the writes: a search that matches nearly
-- every entry (exclusions alone, `-zzzz`) reads these instead of counting up to every entry of the
-- workspace (677,000 in the search benchmark: 300 ms of grouping in one process, bench/README.md).
--
-- Each row adds `n` (negative for entries gone) to one value of one facet: `small` is kind, review
-- status, author and year together (few values), `entityType`, `entity` and `article` the id in
-- "refId". Rows are appended by the statement triggers on "SearchEntry" below, in the writer's
-- transaction, and folded together now and then by a search (lib/server/search/facet-counts.ts);
-- never updated in place, so that concurrent writers never wait for one another on a count.
CREATE TABLE "SearchFacetCount" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "kind" TEXT,
    "status" "AnnotationStatus",
    "authorId" TEXT,
    "year" INTEGER,
    "refId" TEXT,
    "n" INTEGER NOT NULL,

    -- The workspace first: one index serves both the key and the searches' reads by workspace
    -- (a second index cost each write 4 more index entries).
    CONSTRAINT "SearchFacetCount_pkey" PRIMARY KEY ("workspaceId", "id")
);

-- The facet values of one entry, a row each: `small` (its kind, status, author and year together)
-- and, where it has them, its entity type, entity and article. Inlined where it is called.
CREATE FUNCTION "marginalia_search_facet_values"(
  entry_kind text, entry_status "AnnotationStatus", author_id text, entry_date timestamp,
  entity_type_id text, entity_id text, article_id text
) RETURNS TABLE (facet text, kind text, status "AnnotationStatus", "authorId" text, year integer, "refId" text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v.facet, v.kind, v.status, v."authorId", v.year, v."refId"
    FROM (VALUES ('small', entry_kind, entry_status, author_id, extract(year FROM entry_date)::int, NULL::text),
                 ('entityType', NULL, NULL, NULL, NULL, entity_type_id),
                 ('entity', NULL, NULL, NULL, NULL, entity_id),
                 ('article', NULL, NULL, NULL, NULL, article_id)) v(facet, kind, status, "authorId", year, "refId")
   WHERE v.facet = 'small' OR v."refId" IS NOT NULL
$$;

-- A statement's entries as rows of counts, one per facet value, summed: +1 for each new entry, -1 for
-- each entry gone; an entry updated without a change to its facets adds nothing.
CREATE FUNCTION "marginalia_search_facet_counts_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchFacetCount" ("workspaceId", facet, kind, status, "authorId", year, "refId", n)
    SELECT r."workspaceId", f.*, count(*)::int FROM new_rows r,
           "marginalia_search_facet_values"(r.kind, r.status, r."authorId", r.date, r."entityTypeId", r."entityId", r."articleId") f
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "SearchFacetCount" ("workspaceId", facet, kind, status, "authorId", year, "refId", n)
    SELECT r."workspaceId", f.*, -count(*)::int FROM old_rows r,
           "marginalia_search_facet_values"(r.kind, r.status, r."authorId", r.date, r."entityTypeId", r."entityId", r."articleId") f
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO "SearchFacetCount" ("workspaceId", facet, kind, status, "authorId", year, "refId", n)
    SELECT r."workspaceId", f.*, sum(r.sign)::int
      FROM (SELECT o."workspaceId", o.kind, o.status, o."authorId", o.date, o."entityTypeId", o."entityId", o."articleId",
                   -1 AS sign FROM old_rows o
            UNION ALL
            SELECT w."workspaceId", w.kind, w.status, w."authorId", w.date, w."entityTypeId", w."entityId", w."articleId",
                   1 FROM new_rows w) r,
           "marginalia_search_facet_values"(r.kind, r.status, r."authorId", r.date, r."entityTypeId", r."entityId", r."articleId") f
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(r.sign) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "SearchEntry_facet_counts_insert" AFTER INSERT ON "SearchEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "marginalia_search_facet_counts_trigger"();
CREATE TRIGGER "SearchEntry_facet_counts_delete" AFTER DELETE ON "SearchEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "marginalia_search_facet_counts_trigger"();
CREATE TRIGGER "SearchEntry_facet_counts_update" AFTER UPDATE ON "SearchEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "marginalia_search_facet_counts_trigger"();

-- The entries indexed so far.
INSERT INTO "SearchFacetCount" ("workspaceId", facet, kind, status, "authorId", year, "refId", n)
SELECT e."workspaceId", f.*, count(*)::int FROM "SearchEntry" e,
       "marginalia_search_facet_values"(e.kind, e.status, e."authorId", e.date, e."entityTypeId", e."entityId", e."articleId") f
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
