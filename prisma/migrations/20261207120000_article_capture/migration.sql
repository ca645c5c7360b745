-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "canonicalUrl" TEXT,
ADD COLUMN     "capturedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Article_workspaceId_canonicalUrl_idx" ON "Article"("workspaceId", "canonicalUrl");
