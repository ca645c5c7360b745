-- Discussion threads on relations: a comment belongs to an annotation or to a
-- relation, never both and never neither.

-- AlterTable
ALTER TABLE "Relation" ADD COLUMN     "threadResolvedAt" TIMESTAMP(3),
ADD COLUMN     "threadResolvedById" TEXT;

-- AlterTable
ALTER TABLE "Comment" ALTER COLUMN "annotationId" DROP NOT NULL,
ADD COLUMN     "relationId" TEXT;

ALTER TABLE "Comment" ADD CONSTRAINT "Comment_one_thread_check"
  CHECK (("annotationId" IS NULL) <> ("relationId" IS NULL));

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "relationId" TEXT;

-- CreateIndex
CREATE INDEX "Comment_relationId_createdAt_idx" ON "Comment"("relationId", "createdAt");

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_threadResolvedById_fkey" FOREIGN KEY ("threadResolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Search: comments on relations are not indexed (the search results and their
-- blind rule are about annotations' threads); only annotation comments are.
-- As in 20261208100200_search_comment_state, plus the explicit relation case.
CREATE OR REPLACE FUNCTION "marginalia_search_index_comment"(comment_id text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c "Comment"%ROWTYPE;
  an "Annotation"%ROWTYPE;
  author_name text;
BEGIN
  SELECT * INTO c FROM "Comment" WHERE id = comment_id;
  IF FOUND AND c."annotationId" IS NOT NULL THEN
    SELECT * INTO an FROM "Annotation" WHERE id = c."annotationId";
  END IF;
  IF NOT FOUND OR c."annotationId" IS NULL OR c."deletedAt" IS NOT NULL OR c."hiddenAt" IS NOT NULL
     OR an."deletedAt" IS NOT NULL THEN
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
