-- Comments in a relation's thread are searchable like those in an
-- annotation's. Their entry (kind 'comment', "annotationId" NULL) holds the
-- relation in the new "relationId" column, and exists only while the comment,
-- its relation and both of the relation's annotations are live: the comment,
-- relation and annotation triggers re-index it when any of them changes.
--
-- The blind rule (lib/server/relations/relation-visibility.ts): on an article
-- an analyst annotates blind, they see a relation only when it and both its
-- ends are theirs. "annotationAuthorId" (the thread owner the search's blind
-- filter compares with the viewer) is therefore the relation's author when
-- both ends are also theirs, and NULL otherwise: no blind viewer finds it,
-- not even in facet counts, and everyone else does.
--
-- Facets: kind 'comment', the comment's author, the relation's article; no
-- entity. A relation joins two annotations that may be tagged with two
-- entities (or none); counting the comment under both would make one entity
-- facet's counts add up to more than the matches, and `entity:` finding a
-- discussion of a link to it reads as a claim about that entity. So
-- relation comments carry no "entityId" and the `entity:` filter skips them.

-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN "relationId" TEXT;

CREATE OR REPLACE FUNCTION "marginalia_search_index_comment"(comment_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "Comment"%ROWTYPE;
  an "Annotation"%ROWTYPE;
  rel "Relation"%ROWTYPE;
  live boolean;
  thread_author text;
  author_name text;
BEGIN
  SELECT * INTO c FROM "Comment" WHERE id = comment_id;
  live := FOUND AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL;
  IF live AND c."annotationId" IS NOT NULL THEN
    SELECT * INTO an FROM "Annotation" WHERE id = c."annotationId";
    live := FOUND AND an."deletedAt" IS NULL;
    thread_author := an."authorId";
  ELSIF live THEN
    SELECT * INTO rel FROM "Relation" WHERE id = c."relationId";
    live := FOUND AND rel."deletedAt" IS NULL;
    IF live THEN
      SELECT COALESCE(bool_and(x."deletedAt" IS NULL), false),
             CASE WHEN bool_and(x."authorId" = rel."authorId") THEN rel."authorId" END
        INTO live, thread_author
        FROM "Annotation" x WHERE x.id IN (rel."sourceId", rel."targetId");
    END IF;
  END IF;
  IF NOT live THEN
    DELETE FROM "SearchEntry" WHERE id = 'comment:' || comment_id;
    RETURN;
  END IF;
  SELECT u.name INTO author_name FROM "User" u WHERE u.id = c."authorId";
  INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "annotationId", "relationId", "commentId", "entityId",
                             "authorId", "annotationAuthorId", body, extra, date)
  VALUES ('comment:' || c.id, c."workspaceId", 'comment', c."articleId", c."annotationId", c."relationId", c.id, an."entityId",
          c."authorId", thread_author, c.text, COALESCE(author_name, ''), c."createdAt")
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, extra = EXCLUDED.extra, "entityId" = EXCLUDED."entityId",
    "annotationAuthorId" = EXCLUDED."annotationAuthorId",
    "indexedAt" = CASE WHEN ("SearchEntry".body, "SearchEntry"."entityId") IS DISTINCT FROM (EXCLUDED.body, EXCLUDED."entityId")
                       THEN CURRENT_TIMESTAMP ELSE "SearchEntry"."indexedAt" END;
END
$$;

-- As in 20261208100200_search_comment_state, plus the threads of the
-- annotation's relations when it is deleted or restored.
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
    IF TG_OP = 'UPDATE' AND NEW."deletedAt" IS DISTINCT FROM OLD."deletedAt" THEN
      PERFORM "marginalia_search_index_comment"(c.id)
         FROM "Relation" r JOIN "Comment" c ON c."relationId" = r.id
        WHERE r."sourceId" = NEW.id OR r."targetId" = NEW.id;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- A relation's delete and restore (its own, or with one of its annotations:
-- lib/server/relations/delete-relation.ts) and a change of its ends or author
-- re-index its thread. A relation with comments is never removed (the
-- comments' foreign key restricts it), only soft-deleted.
CREATE FUNCTION "marginalia_search_relation_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "marginalia_search_index_comment"(c.id) FROM "Comment" c WHERE c."relationId" = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Relation_search" AFTER UPDATE OF "deletedAt", "sourceId", "targetId", "authorId" ON "Relation"
  FOR EACH ROW WHEN ((OLD."deletedAt", OLD."sourceId", OLD."targetId", OLD."authorId")
                     IS DISTINCT FROM (NEW."deletedAt", NEW."sourceId", NEW."targetId", NEW."authorId"))
  EXECUTE FUNCTION "marginalia_search_relation_trigger"();

-- Backfill the existing relation threads.
SELECT "marginalia_search_index_comment"(id) FROM "Comment" WHERE "relationId" IS NOT NULL;
