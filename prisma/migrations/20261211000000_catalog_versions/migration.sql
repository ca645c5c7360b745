-- Entities, entity types and relation types get a version, as annotations, relations and comments
-- have: an edit carries the version it was made on, and a newer one answers 409 instead of being
-- overwritten.
ALTER TABLE "EntityType" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Entity" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "RelationType" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
