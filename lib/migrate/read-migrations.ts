import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { migrationChecksum } from "./checksum";
import { MigrationError } from "./errors";

/** One folder of the migrations directory. */
export type MigrationFile = {
  /** The folder name, e.g. `20261125100000_init`; recorded as `migration_name`. */
  name: string;
  /** Absolute path of its migration.sql. */
  path: string;
  script: string;
  checksum: string;
};

/** The directory Prisma Migrate uses, relative to the working directory (the repository root). */
export const defaultMigrationsDir = path.join("prisma", "migrations");

/**
 * Reads the migrations of `dir` the way Prisma Migrate does: every
 * sub-directory is one migration whose script is its migration.sql, ordered by
 * folder name. A missing directory has no migrations. Throws a
 * `MigrationError` if a folder has no migration.sql or if migration_lock.toml
 * names a provider other than PostgreSQL.
 */
export async function readMigrations(dir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  const root = path.resolve(dir);
  const lockfile = await readFile(path.join(root, "migration_lock.toml"), "utf8").catch(() => null);
  const provider = lockfile?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (provider !== undefined && provider !== "postgresql") {
    throw new MigrationError(
      "PROVIDER_MISMATCH",
      `${path.join(dir, "migration_lock.toml")} is for "${provider}", but this runner applies PostgreSQL migrations.`,
    );
  }

  const entries = await readdir(root, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));

  return Promise.all(
    names.map(async (name) => {
      const file = path.join(root, name, "migration.sql");
      const script = await readFile(file, "utf8").catch((err: Error) => {
        throw new MigrationError("MISSING_SCRIPT", `Cannot read the migration script ${file}: ${err.message}`, {
          migrationName: name,
          cause: err,
        });
      });
      return { name, path: file, script, checksum: migrationChecksum(script) };
    }),
  );
}
