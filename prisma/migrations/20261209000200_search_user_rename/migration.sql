-- An annotation's and a comment's index entries hold their author's name
-- (searchable, not shown). Renaming a member left the old name in them: the
-- new name found nothing, the old one still did. Re-index that member's
-- entries, through the same functions as every other write.
CREATE FUNCTION "marginalia_search_user_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry record;
BEGIN
  FOR entry IN SELECT kind, "annotationId", "commentId" FROM "SearchEntry"
                WHERE kind IN ('annotation', 'comment') AND "authorId" = NEW.id LOOP
    IF entry.kind = 'annotation' THEN
      PERFORM "marginalia_search_index_annotation"(entry."annotationId");
    ELSE
      PERFORM "marginalia_search_index_comment"(entry."commentId");
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER "User_search" AFTER UPDATE OF "name" ON "User"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "marginalia_search_user_trigger"();
