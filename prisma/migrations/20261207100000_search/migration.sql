-- Search (issue 14): one index table, "SearchEntry", kept up to date by
-- triggers in the same transaction as every write to the rows it indexes:
-- paragraphs of each article's current revision ("passage"), annotations
-- (quote, note, entity name, author name), comments, entities (name, aliases,
-- description) and article titles. The tsvector and the normalized text are
-- generated columns of the row's text; the tsvector has a GIN index. (A
-- trigram index on every paragraph made indexing a long article several times
-- slower and served only the palette's LIKE on a few thousand entity and title
-- rows; pg_trgm's similarity() serves "did you mean" without one.)

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (it looks its dictionary up by name through the
-- search_path); this wrapper names the dictionary by its schema so that it can
-- be IMMUTABLE and used in generated columns and indexes.
DO $$
DECLARE
  ext_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
BEGIN
  EXECUTE format(
    'CREATE FUNCTION "marginalia_unaccent"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS %L',
    format('SELECT %I.unaccent(%L::regdictionary, t)', ext_schema, quote_ident(ext_schema) || '.unaccent'));
END $$;

-- The form both documents and queries are compared in: lower case, Latin
-- accents removed; Arabic diacritics (harakat, superscript alef) and tatweel
-- removed, alef variants to bare alef, alef maqsura to yeh, teh marbuta to heh.
-- (Each function that calls another keeps the search_path it was created with:
-- pg_restore runs with an empty one and computes the generated columns below.)
CREATE FUNCTION "marginalia_search_normalize"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
SET search_path FROM CURRENT AS $$
  SELECT translate(
    regexp_replace(lower("marginalia_unaccent"(t)), '[\u064B-\u065F\u0670\u0640]', '', 'g'),
    E'\u0623\u0625\u0622\u0671\u0649\u0629',
    E'\u0627\u0627\u0627\u0627\u064A\u0647')
$$;

-- The text that is parsed into the tsvector: normalized, and every run of
-- Chinese or Japanese characters (which PostgreSQL's parser would keep as one
-- token, however long) written as its overlapping character pairs, so that a
-- word of any length inside a sentence is found as a phrase of pairs.
CREATE FUNCTION "marginalia_search_text"(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
SET search_path FROM CURRENT AS $$
DECLARE
  n text := "marginalia_search_normalize"(t);
  cjk constant text := '[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]';
  part text;
  result text := '';
BEGIN
  IF n !~ cjk THEN
    RETURN n;
  END IF;
  FOR part IN SELECT m[1] FROM regexp_matches(n, '(' || cjk || '+|[^\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)', 'g') AS m LOOP
    IF part ~ ('^' || cjk) THEN
      IF char_length(part) = 1 THEN
        result := result || ' ' || part || ' ';
      ELSE
        result := result || ' ' || (SELECT string_agg(substr(part, i, 2), ' ' ORDER BY i) FROM generate_series(1, char_length(part) - 1) AS i) || ' ';
      END IF;
    ELSE
      result := result || part;
    END IF;
  END LOOP;
  RETURN result;
END
$$;

-- The length of a text in UTF-16 code units (the unit of every stored offset).
-- (Testing for an astral character first: the replace alone cost more than the tsvector.)
CREATE FUNCTION "marginalia_utf16_length"(t text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN t ~ '[\U00010000-\U0010FFFF]'
              THEN char_length(t) + char_length(regexp_replace(t, '[^\U00010000-\U0010FFFF]', '', 'g'))
              ELSE char_length(t) END
$$;

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "articleId" TEXT,
    "revisionId" TEXT,
    "annotationId" TEXT,
    "commentId" TEXT,
    "entityId" TEXT,
    "entityTypeId" TEXT,
    "authorId" TEXT,
    "annotationAuthorId" TEXT,
    "status" "AnnotationStatus",
    "start" INTEGER,
    "end" INTEGER,
    "body" TEXT NOT NULL,
    "extra" TEXT NOT NULL DEFAULT '',
    "date" TIMESTAMP(3) NOT NULL,
    "document" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "marginalia_search_text"("body" || ' ' || "extra"))) STORED,
    "normalized" TEXT GENERATED ALWAYS AS ("marginalia_search_normalize"("body" || ' ' || "extra")) STORED,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchEntry_document_idx" ON "SearchEntry" USING GIN ("document");

-- CreateIndex
CREATE INDEX "SearchEntry_workspaceId_kind_date_idx" ON "SearchEntry"("workspaceId", "kind", "date");

-- CreateIndex
CREATE INDEX "SearchEntry_articleId_idx" ON "SearchEntry"("articleId");

-- CreateIndex
CREATE INDEX "SearchEntry_annotationId_idx" ON "SearchEntry"("annotationId");

-- CreateIndex
CREATE INDEX "SearchEntry_entityId_idx" ON "SearchEntry"("entityId");

-- Indexing, one function per kind, called by the triggers below and by the backfill.

CREATE FUNCTION "marginalia_search_index_article"(article_id text, passages boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  a "Article"%ROWTYPE;
  r "ArticleRevision"%ROWTYPE;
  d timestamp(3);
BEGIN
  SELECT * INTO a FROM "Article" WHERE id = article_id;
  IF NOT FOUND THEN
    DELETE FROM "SearchEntry" WHERE "articleId" = article_id AND kind IN ('article', 'passage');
    RETURN;
  END IF;
  d := COALESCE(a."publishedAt"::timestamp(3), a."createdAt");
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "authorId", body, date)
  VALUES ('article:' || a.id, a."workspaceId", 'article', a.id, a."importedById", a.title, d)
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, date = EXCLUDED.date;
  IF NOT passages THEN
    UPDATE "SearchEntry" SET date = d WHERE "articleId" = a.id AND kind = 'passage' AND date <> d;
    RETURN;
  END IF;
  -- A new revision replaces the article's passages.
  DELETE FROM "SearchEntry" WHERE "articleId" = a.id AND kind = 'passage';
  SELECT * INTO r FROM "ArticleRevision" WHERE id = a."currentRevisionId";
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Paragraphs are the canonical text's blocks, joined by a blank line (see ANCHORING.md).
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "revisionId", start, "end", body, date)
  SELECT 'passage:' || r.id || ':' || s.n, r."workspaceId", 'passage', r."articleId", r.id, s.start, s.start + s.len, s.p, d
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

CREATE FUNCTION "marginalia_search_index_annotation"(annotation_id text) RETURNS void LANGUAGE plpgsql AS $$
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
    status = EXCLUDED.status, start = EXCLUDED.start, "end" = EXCLUDED."end", body = EXCLUDED.body, extra = EXCLUDED.extra;
END
$$;

CREATE FUNCTION "marginalia_search_index_comment"(comment_id text) RETURNS void LANGUAGE plpgsql AS $$
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
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, extra = EXCLUDED.extra;
END
$$;

CREATE FUNCTION "marginalia_search_index_entity"(entity_id text) RETURNS void LANGUAGE plpgsql AS $$
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
  ON CONFLICT (id) DO UPDATE SET "entityTypeId" = EXCLUDED."entityTypeId", body = EXCLUDED.body, extra = EXCLUDED.extra;
END
$$;

CREATE FUNCTION "marginalia_search_article_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "marginalia_search_index_article"(NEW.id, true);
  ELSIF NEW."currentRevisionId" IS DISTINCT FROM OLD."currentRevisionId" THEN
    PERFORM "marginalia_search_index_article"(NEW.id, true);
  ELSIF NEW.title IS DISTINCT FROM OLD.title OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt" THEN
    PERFORM "marginalia_search_index_article"(NEW.id, false);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Article_search" AFTER INSERT OR UPDATE ON "Article"
  FOR EACH ROW EXECUTE FUNCTION "marginalia_search_article_trigger"();

CREATE FUNCTION "marginalia_search_annotation_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchEntry" WHERE id = 'annotation:' || OLD.id;
  ELSE
    PERFORM "marginalia_search_index_annotation"(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Annotation_search" AFTER INSERT OR UPDATE OR DELETE ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION "marginalia_search_annotation_trigger"();

CREATE FUNCTION "marginalia_search_comment_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchEntry" WHERE id = 'comment:' || OLD.id;
  ELSIF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text OR NEW."deletedAt" IS DISTINCT FROM OLD."deletedAt"
        OR NEW."hiddenAt" IS DISTINCT FROM OLD."hiddenAt" THEN
    PERFORM "marginalia_search_index_comment"(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Comment_search" AFTER INSERT OR UPDATE OR DELETE ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION "marginalia_search_comment_trigger"();

CREATE FUNCTION "marginalia_search_entity_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchEntry" WHERE id = 'entity:' || OLD.id;
    RETURN NULL;
  END IF;
  PERFORM "marginalia_search_index_entity"(NEW.id);
  -- The entity's name and type are part of its annotations' entries.
  IF TG_OP = 'UPDATE' AND (NEW.name IS DISTINCT FROM OLD.name OR NEW."typeId" IS DISTINCT FROM OLD."typeId") THEN
    PERFORM "marginalia_search_index_annotation"(s."annotationId")
       FROM "SearchEntry" s WHERE s."entityId" = NEW.id AND s.kind = 'annotation';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Entity_search" AFTER INSERT OR UPDATE OR DELETE ON "Entity"
  FOR EACH ROW EXECUTE FUNCTION "marginalia_search_entity_trigger"();

-- Backfill what exists.
SELECT "marginalia_search_index_article"(id, true) FROM "Article";
SELECT "marginalia_search_index_entity"(id) FROM "Entity";
SELECT "marginalia_search_index_annotation"(id) FROM "Annotation";
SELECT "marginalia_search_index_comment"(id) FROM "Comment";
