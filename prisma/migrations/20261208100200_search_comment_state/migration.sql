-- A comment's index entry carries what the search needed its annotation for:
-- it exists only while the annotation is live, and holds the annotation's
-- entity. The annotation trigger re-indexes the comments when either changes.
-- Queries then no longer join "Annotation" (on the benchmark workspace that
-- join hashed all 500,000 annotations for every broad search: ≈ 0.4 s).

CREATE OR REPLACE FUNCTION "marginalia_search_index_comment"(comment_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "Comment"%ROWTYPE;
  an "Annotation"%ROWTYPE;
  author_name text;
BEGIN
  SELECT * INTO c FROM "Comment" WHERE id = comment_id;
  IF FOUND THEN
    SELECT * INTO an FROM "Annotation" WHERE id = c."annotationId";
  END IF;
  IF NOT FOUND OR c."deletedAt" IS NOT NULL OR c."hiddenAt" IS NOT NULL OR an."deletedAt" IS NOT NULL THEN
    DELETE FROM "SearchEntry" WHERE id = 'comment:' || comment_id;
    RETURN;
  END IF;
  SELECT u.name INTO author_name FROM "User" u WHERE u.id = c."authorId";
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "annotationId", "commentId", "entityId", "authorId",
                             "annotationAuthorId", body, extra, date)
  VALUES ('comment:' || c.id, c."workspaceId", 'comment', c."articleId", c."annotationId", c.id, an."entityId", c."authorId",
          an."authorId", c.text, COALESCE(author_name, ''), c."createdAt")
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, extra = EXCLUDED.extra, "entityId" = EXCLUDED."entityId",
    "indexedAt" = CASE WHEN ("SearchEntry".body, "SearchEntry"."entityId") IS DISTINCT FROM (EXCLUDED.body, EXCLUDED."entityId")
                       THEN CURRENT_TIMESTAMP ELSE "SearchEntry"."indexedAt" END;
END
$$;

CREATE OR REPLACE FUNCTION "marginalia_search_annotation_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchEntry" WHERE id = 'annotation:' || OLD.id;
    DELETE FROM "SearchEntry" WHERE kind = 'comment' AND "annotationId" = OLD.id;
  ELSE
    PERFORM "marginalia_search_index_annotation"(NEW.id);
    IF TG_OP = 'UPDATE' AND (NEW."deletedAt" IS DISTINCT FROM OLD."deletedAt" OR NEW."entityId" IS DISTINCT FROM OLD."entityId") THEN
      PERFORM "marginalia_search_index_comment"(c.id) FROM "Comment" c WHERE c."annotationId" = NEW.id;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Existing entries: the annotation's entity; none for a deleted annotation's comments.
UPDATE "SearchEntry" e SET "entityId" = an."entityId"
  FROM "Annotation" an
 WHERE e.kind = 'comment' AND an.id = e."annotationId" AND e."entityId" IS DISTINCT FROM an."entityId";
DELETE FROM "SearchEntry" e USING "Annotation" an
 WHERE e.kind = 'comment' AND an.id = e."annotationId" AND an."deletedAt" IS NOT NULL;
