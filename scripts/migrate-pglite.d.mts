export type PgliteMigrationResult = {
  tables: number;
  rows: number;
  /** Rows per table, equal on both sides. */
  counts: Record<string, number>;
};

/** Copies the PGlite database in `pgliteDir` into the empty database at `targetUrl`; see migrate-pglite.mjs. */
export function migrateFromPglite(options: {
  pgliteDir: string;
  targetUrl: string;
  migrationsDir?: string;
}): Promise<PgliteMigrationResult>;
