-- AlterTable
ALTER TABLE "ArticleRevision" ADD COLUMN     "pages" JSONB;
