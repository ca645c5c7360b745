// `npm run db:migrate` — applies prisma/migrations to the database at DATABASE_URL.
import { applyMigrations, describeMigrationResult, MigrationError } from "../lib/migrate";

async function main(): Promise<number> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set; point it at the PostgreSQL database to migrate.");
    return 1;
  }
  try {
    const result = await applyMigrations({ connectionString, log: (line) => console.log(line) });
    console.log(describeMigrationResult(result));
    return 0;
  } catch (err) {
    if (err instanceof MigrationError) {
      console.error(`Migration error: ${err.message}`);
    } else {
      console.error(err);
    }
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
