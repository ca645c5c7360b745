-- CreateTable
CREATE TABLE "RelationType" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "inverseLabel" TEXT,
    "directed" BOOLEAN NOT NULL DEFAULT true,
    "sourceTypeIds" TEXT[],
    "targetTypeIds" TEXT[],
    "color" TEXT NOT NULL,
    "shortcut" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RelationType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Relation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "note" TEXT,
    "status" "AnnotationStatus" NOT NULL DEFAULT 'PROPOSED',
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "rejectionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedWithId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Relation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RelationType_workspaceId_idx" ON "RelationType"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "RelationType_workspaceId_name_key" ON "RelationType"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "Relation_articleId_idx" ON "Relation"("articleId");

-- CreateIndex
CREATE INDEX "Relation_sourceId_idx" ON "Relation"("sourceId");

-- CreateIndex
CREATE INDEX "Relation_targetId_idx" ON "Relation"("targetId");

-- CreateIndex
CREATE INDEX "Relation_workspaceId_typeId_idx" ON "Relation"("workspaceId", "typeId");

-- AddForeignKey
ALTER TABLE "RelationType" ADD CONSTRAINT "RelationType_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "RelationType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: every existing workspace gets the default relation types
-- (lib/relations/default-relation-types.ts), their argument constraints
-- resolved to the workspace's entity types of those names.
INSERT INTO "RelationType" ("id", "workspaceId", "name", "inverseLabel", "directed", "sourceTypeIds", "targetTypeIds", "color", "shortcut", "position", "updatedAt")
SELECT
    'r' || substr(md5(random()::text || clock_timestamp()::text || w."id" || d."name"), 1, 23),
    w."id",
    d."name",
    d."inverseLabel",
    d."directed",
    COALESCE((SELECT array_agg(t."id" ORDER BY t."position") FROM "EntityType" t WHERE t."workspaceId" = w."id" AND t."name" = ANY(d."source")), ARRAY[]::TEXT[]),
    COALESCE((SELECT array_agg(t."id" ORDER BY t."position") FROM "EntityType" t WHERE t."workspaceId" = w."id" AND t."name" = ANY(d."target")), ARRAY[]::TEXT[]),
    d."color",
    d."shortcut",
    d."position",
    CURRENT_TIMESTAMP
FROM "Workspace" w
CROSS JOIN (VALUES
    ('member of', 'has member', true, ARRAY['Person'], ARRAY['Organization'], '#2f6fd4', 'm', 0),
    ('leads', 'led by', true, ARRAY['Person'], ARRAY['Organization'], '#d94f4f', 'l', 1),
    ('located in', 'location of', true, ARRAY[]::TEXT[], ARRAY['Location'], '#2e9e5b', 'i', 2),
    ('met with', NULL, false, ARRAY['Person'], ARRAY['Person'], '#b86bd9', 'w', 3),
    ('said', 'said by', true, ARRAY['Person'], ARRAY[]::TEXT[], '#c48a1b', 's', 4),
    ('same as', NULL, false, ARRAY[]::TEXT[], ARRAY[]::TEXT[], '#8a8f98', 'a', 5)
) AS d("name", "inverseLabel", "directed", "source", "target", "color", "shortcut", "position");
