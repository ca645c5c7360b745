/** Why the migration runner refused to continue or stopped. */
export type MigrationErrorCode =
  /** A migration folder has no readable migration.sql. */
  | "MISSING_SCRIPT"
  /** migration_lock.toml names another database provider. */
  | "PROVIDER_MISMATCH"
  /** Another process held the migration lock for too long. */
  | "LOCK_TIMEOUT"
  /** The schema has tables but no migration history (Prisma's P3005). */
  | "SCHEMA_NOT_EMPTY"
  /** A migration started earlier never finished and was not rolled back (Prisma's P3009). */
  | "FAILED_MIGRATION_FOUND"
  /** An applied migration's migration.sql was edited afterwards. */
  | "CHECKSUM_MISMATCH"
  /** A migration's SQL failed; its transaction was rolled back. */
  | "MIGRATION_FAILED";

/** An error of the migration runner, with a message meant for the operator. */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  /** The migration at fault, when there is one. */
  readonly migrationName?: string;

  constructor(code: MigrationErrorCode, message: string, options: { migrationName?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "MigrationError";
    this.code = code;
    this.migrationName = options.migrationName;
  }
}
