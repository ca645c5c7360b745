-- The palette's first few annotation (or passage) hits of a word: with the
-- kind inside the full-text index, one bitmap index scan yields exactly the
-- entries of that kind, where the planner used to scan the table for the
-- first five matches (up to a second when they were rare or far apart, and
-- a different time on each run: synchronized sequential scans start where
-- another scan is). Replaces the index on the document alone, which every
-- query on the document can use this one for (GIN searches any subset of
-- its columns), so writes maintain one full-text index as before.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX "SearchEntry_kind_document_idx" ON "SearchEntry" USING GIN ("kind", "document");

DROP INDEX "SearchEntry_document_idx";
