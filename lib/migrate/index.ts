// Our migration runner: applies prisma/migrations with the same history table
// and checksums as `prisma migrate deploy`, without Prisma's native engine.
// Plain Node (no server-only): used by scripts/db-migrate.ts, scripts/start.mjs and the test harness.
export {
  applyMigrations,
  applyMigrationsInTransaction,
  describeMigrationResult,
  MIGRATION_LOCK_KEY,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from "./apply-migrations";
export { checksumMatches, migrationChecksum } from "./checksum";
export { MigrationError, type MigrationErrorCode } from "./errors";
export { defaultMigrationsDir, readMigrations, type MigrationFile } from "./read-migrations";
