-- Saved searches (issue 14): a member's named queries per workspace, with
-- the time each was last opened; the search page counts the matches indexed
-- since then. "SearchEntry"."indexedAt" is when an entry started to match
-- what it matches now: when it was written, or when an annotation's quote,
-- note, entity, type or status changed. A passage of a new revision keeps the
-- time of the same paragraph in the revision before (unchanged text is not new).

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "lastOpenedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedSearch_workspaceId_userId_idx" ON "SavedSearch"("workspaceId", "userId");

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "SearchEntry_workspaceId_indexedAt_idx" ON "SearchEntry"("workspaceId", "indexedAt");

-- The palette's substring match on entity names and article titles (a few
-- thousand rows; passages stay out of it, see the search migration): with
-- this index 5–30 ms on the benchmark workspace instead of 190–240 ms.
CREATE INDEX "SearchEntry_normalized_idx" ON "SearchEntry" USING GIN ("normalized" gin_trgm_ops)
  WHERE kind IN ('entity', 'article');

CREATE OR REPLACE FUNCTION "marginalia_search_index_article"(article_id text, passages boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a "Article"%ROWTYPE;
  r "ArticleRevision"%ROWTYPE;
  d timestamp(3);
  seen jsonb;
BEGIN
  SELECT * INTO a FROM "Article" WHERE id = article_id;
  IF NOT FOUND THEN
    DELETE FROM "SearchEntry" WHERE "articleId" = article_id AND kind IN ('article', 'passage');
    RETURN;
  END IF;
  d := COALESCE(a."publishedAt"::timestamp(3), a."createdAt");
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "authorId", body, date)
  VALUES ('article:' || a.id, a."workspaceId", 'article', a.id, a."importedById", a.title, d)
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, date = EXCLUDED.date,
    "indexedAt" = CASE WHEN "SearchEntry".body IS DISTINCT FROM EXCLUDED.body THEN CURRENT_TIMESTAMP
                       ELSE "SearchEntry"."indexedAt" END;
  IF NOT passages THEN
    UPDATE "SearchEntry" SET date = d WHERE "articleId" = a.id AND kind = 'passage' AND date <> d;
    RETURN;
  END IF;
  -- A new revision replaces the article's passages; a paragraph whose text was
  -- there before keeps the time it was first indexed.
  WITH gone AS (DELETE FROM "SearchEntry" WHERE "articleId" = a.id AND kind = 'passage' RETURNING body, "indexedAt")
  SELECT COALESCE(jsonb_object_agg(h, t), '{}'::jsonb) INTO seen
    FROM (SELECT md5(body) AS h, min("indexedAt") AS t FROM gone GROUP BY 1) AS x;
  SELECT * INTO r FROM "ArticleRevision" WHERE id = a."currentRevisionId";
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Paragraphs are the canonical text's blocks, joined by a blank line (see ANCHORING.md).
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "revisionId", start, "end", body, date, "indexedAt")
  SELECT 'passage:' || r.id || ':' || s.n, r."workspaceId", 'passage', r."articleId", r.id, s.start, s.start + s.len, s.p, d,
         COALESCE((seen ->> md5(s.p))::timestamp(3), CURRENT_TIMESTAMP)
    FROM (
      SELECT p, n, len,
             COALESCE(sum(len + 2) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::integer AS start
        FROM (
          SELECT p, n, "marginalia_utf16_length"(p) AS len
            FROM regexp_split_to_table(r.text, E'\n\n') WITH ORDINALITY AS t(p, n)
        ) AS x
    ) AS s
   WHERE btrim(s.p, E' \n\t') <> '';
END
$$;

CREATE OR REPLACE FUNCTION "marginalia_search_index_annotation"(annotation_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a "Annotation"%ROWTYPE;
  entity_name text;
  entity_type text;
  author_name text;
BEGIN
  SELECT * INTO a FROM "Annotation" WHERE id = annotation_id;
  IF NOT FOUND OR a."deletedAt" IS NOT NULL THEN
    DELETE FROM "SearchEntry" WHERE id = 'annotation:' || annotation_id;
    RETURN;
  END IF;
  IF a."entityId" IS NOT NULL THEN
    SELECT e.name, e."typeId" INTO entity_name, entity_type FROM "Entity" e WHERE e.id = a."entityId";
  END IF;
  SELECT u.name INTO author_name FROM "User" u WHERE u.id = a."authorId";
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "revisionId", "annotationId", "entityId", "entityTypeId",
                             "authorId", "annotationAuthorId", status, start, "end", body, extra, date)
  VALUES ('annotation:' || a.id, a."workspaceId", 'annotation', a."articleId", a."revisionId", a.id, a."entityId", entity_type,
          a."authorId", a."authorId", a.status, a.start, a."end",
          a.exact || CASE WHEN COALESCE(a.note, '') = '' THEN '' ELSE E'\n' || a.note END,
          COALESCE(entity_name, '') || ' ' || COALESCE(author_name, ''), a."createdAt")
  ON CONFLICT (id) DO UPDATE SET
    "revisionId" = EXCLUDED."revisionId", "entityId" = EXCLUDED."entityId", "entityTypeId" = EXCLUDED."entityTypeId",
    status = EXCLUDED.status, start = EXCLUDED.start, "end" = EXCLUDED."end", body = EXCLUDED.body, extra = EXCLUDED.extra,
    "indexedAt" = CASE
      WHEN ("SearchEntry"."entityId", "SearchEntry"."entityTypeId", "SearchEntry".status, "SearchEntry".body, "SearchEntry".extra)
           IS DISTINCT FROM (EXCLUDED."entityId", EXCLUDED."entityTypeId", EXCLUDED.status, EXCLUDED.body, EXCLUDED.extra)
      THEN CURRENT_TIMESTAMP ELSE "SearchEntry"."indexedAt" END;
END
$$;

CREATE OR REPLACE FUNCTION "marginalia_search_index_comment"(comment_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "Comment"%ROWTYPE;
  annotation_author text;
  author_name text;
BEGIN
  SELECT * INTO c FROM "Comment" WHERE id = comment_id;
  IF NOT FOUND OR c."deletedAt" IS NOT NULL OR c."hiddenAt" IS NOT NULL THEN
    DELETE FROM "SearchEntry" WHERE id = 'comment:' || comment_id;
    RETURN;
  END IF;
  SELECT an."authorId" INTO annotation_author FROM "Annotation" an WHERE an.id = c."annotationId";
  SELECT u.name INTO author_name FROM "User" u WHERE u.id = c."authorId";
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "annotationId", "commentId", "authorId", "annotationAuthorId",
                             body, extra, date)
  VALUES ('comment:' || c.id, c."workspaceId", 'comment', c."articleId", c."annotationId", c.id, c."authorId", annotation_author,
          c.text, COALESCE(author_name, ''), c."createdAt")
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, extra = EXCLUDED.extra,
    "indexedAt" = CASE WHEN "SearchEntry".body IS DISTINCT FROM EXCLUDED.body THEN CURRENT_TIMESTAMP
                       ELSE "SearchEntry"."indexedAt" END;
END
$$;

CREATE OR REPLACE FUNCTION "marginalia_search_index_entity"(entity_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e "Entity"%ROWTYPE;
BEGIN
  SELECT * INTO e FROM "Entity" WHERE id = entity_id;
  IF NOT FOUND OR e."deletedAt" IS NOT NULL OR e."mergedIntoId" IS NOT NULL THEN
    DELETE FROM "SearchEntry" WHERE id = 'entity:' || entity_id;
    RETURN;
  END IF;
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "entityId", "entityTypeId", body, extra, date)
  VALUES ('entity:' || e.id, e."workspaceId", 'entity', e.id, e."typeId",
          e.name || CASE WHEN cardinality(e.aliases) > 0 THEN E'\n' || array_to_string(e.aliases, ', ') ELSE '' END,
          COALESCE(e.description, ''), e."createdAt")
  ON CONFLICT (id) DO UPDATE SET "entityTypeId" = EXCLUDED."entityTypeId", body = EXCLUDED.body, extra = EXCLUDED.extra,
    "indexedAt" = CASE
      WHEN ("SearchEntry"."entityTypeId", "SearchEntry".body, "SearchEntry".extra)
           IS DISTINCT FROM (EXCLUDED."entityTypeId", EXCLUDED.body, EXCLUDED.extra)
      THEN CURRENT_TIMESTAMP ELSE "SearchEntry"."indexedAt" END;
END
$$;
