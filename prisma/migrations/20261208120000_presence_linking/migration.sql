-- AlterTable
ALTER TABLE "Presence" ADD COLUMN     "linkingFromId" TEXT;
