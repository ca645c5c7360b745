// The hidden-duplicate check that ends every test run (vitest's global
// teardown, scripts/e2e.mjs): no test may leave two live annotations with the
// same author, article, start and end — what a double click or a repeated
// request used to create. Runs before the run's database is dropped.
import pg from "pg";

/** The groups of live duplicate annotations in the database at `connectionString` (at most 20). */
export async function findHiddenDuplicates(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  await client.connect();
  try {
    // A run that failed before migrating has no annotations to check.
    const { rows: tables } = await client.query(`SELECT to_regclass('"Annotation"') IS NOT NULL AS "exists"`);
    if (!tables[0].exists) return [];
    const { rows } = await client.query(`
      SELECT "authorId", "articleId", "start", "end", count(*)::int AS copies, min("exact") AS exact
      FROM "Annotation"
      WHERE "deletedAt" IS NULL AND "anchorState" <> 'ORPHANED'
      GROUP BY "authorId", "articleId", "start", "end"
      HAVING count(*) > 1
      ORDER BY copies DESC
      LIMIT 20`);
    return rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws, listing them, when the run left duplicate annotations. */
export async function assertNoHiddenDuplicates(connectionString) {
  const duplicates = await findHiddenDuplicates(connectionString);
  if (duplicates.length === 0) return;
  const list = duplicates
    .map((d) => `  ${d.copies}× “${d.exact}” [${d.start}, ${d.end}) by ${d.authorId} on ${d.articleId}`)
    .join("\n");
  throw new Error(`The run left live duplicate annotations (same author, article, start and end):\n${list}`);
}
