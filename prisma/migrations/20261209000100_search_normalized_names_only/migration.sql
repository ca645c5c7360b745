-- The normalized text is read only for entity names and article titles (the
-- palette's substring match and its trigram index). Passages, annotations
-- and comments kept a copy too: a fifth of the table, which every broad
-- search reads page by page (358 → 280 MB on the 5,000-article benchmark),
-- and a normalization per write. Now NULL for them. PostgreSQL 15 cannot
-- change a generated column's expression, so the column is made anew.
ALTER TABLE "SearchEntry" DROP COLUMN "normalized";

ALTER TABLE "SearchEntry" ADD COLUMN "normalized" TEXT GENERATED ALWAYS AS (
  CASE WHEN "kind" IN ('entity', 'article') THEN "marginalia_search_normalize"("body" || ' ' || "extra") END
) STORED;

CREATE INDEX "SearchEntry_normalized_idx" ON "SearchEntry" USING GIN ("normalized" gin_trgm_ops)
  WHERE "kind" IN ('entity', 'article');
