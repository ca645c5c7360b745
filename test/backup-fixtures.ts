// Shared by the backup tests: a seeded workspace with every kind of content, and every table's
// checksum of ordered rows.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { expect } from "vitest";
import { sql } from "@/test/db";

const root = path.resolve(__dirname, "..");

function runSeed(url: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join("scripts", "db-seed.ts"), "--if-empty"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_MAX: "4" }, stdio: "ignore" },
    );
    child.on("error", reject);
    child.on("close", resolve);
  });
}

export type Checksums = Record<string, { rows: number; md5: string }>;

/**
 * Every table's row count and the md5 of its rows' text in order (in UTC, ISO dates: the same text
 * on every server). With `storedOnly`, generated columns are left out: a restore recomputes them
 * with the target server's functions.
 */
export async function checksums(url: string, options: { storedOnly?: boolean } = {}): Promise<Checksums> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET extra_float_digits = 3");
    const { rows: tables } = await client.query<{ name: string; columns: string }>(
      `SELECT c.relname AS name, string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) AS columns
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND ($1 OR a.attgenerated = '')
        GROUP BY c.relname ORDER BY c.relname`,
      [!options.storedOnly],
    );
    const sums: Checksums = {};
    for (const { name, columns } of tables) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
           FROM (SELECT ${columns} FROM "${name}") t`,
      );
      sums[name] = rows[0];
    }
    return sums;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Saves a new revision of an annotated article without one annotation's text: that annotation is orphaned. */
async function orphanOneAnnotation(url: string): Promise<void> {
  const [target] = await sql<{
    articleId: string;
    revisionId: string;
    exact: string;
    authorId: string;
    workspaceId: string;
  }>(
    `SELECT a."articleId", a."revisionId", a."exact", a."authorId", a."workspaceId" FROM "Annotation" a
      WHERE a."deletedAt" IS NULL AND length(a."exact") > 3 ORDER BY a."createdAt" LIMIT 1`,
    [],
    url,
  );
  const [revision] = await sql<{ content: unknown }>(
    `SELECT content FROM "ArticleRevision" WHERE id = $1`,
    [target.revisionId],
    url,
  );
  let removed = false;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === "object") {
      const copy = { ...(node as Record<string, unknown>) };
      if (!removed && typeof copy.text === "string" && copy.text.includes(target.exact)) {
        copy.text = copy.text.replace(target.exact, "");
        removed = true;
      }
      if (copy.content) copy.content = strip(copy.content);
      return copy;
    }
    return node;
  };
  const content = strip(revision.content);
  expect(removed).toBe(true);
  const { reviseArticle } = await import("@/lib/server/articles/revise-article");
  const [owner] = await sql<{ userId: string }>(
    `SELECT "userId" FROM "Membership" WHERE "workspaceId" = $1 AND role = 'OWNER'`,
    [target.workspaceId],
    url,
  );
  const result = await reviseArticle({
    workspaceId: target.workspaceId,
    articleId: target.articleId,
    actorId: owner.userId,
    baseRevisionId: target.revisionId,
    content,
  });
  expect(result.orphaned).toBeGreaterThan(0);
}

/**
 * Seeds the migrated database at `url` (the demo seed: articles, revisions, annotations, entities,
 * threads, reviews, assignments, API tokens), orphans one annotation and adds relations. The
 * caller has pointed DATABASE_URL (lib/db) at `url` before lib/db's first use.
 */
export async function seedForBackup(url: string): Promise<void> {
  expect(await runSeed(url)).toBe(0);
  await orphanOneAnnotation(url);
  const [article] = await sql<{ workspaceId: string; id: string; importedById: string }>(
    `SELECT "workspaceId", id, "importedById" FROM "Article" WHERE "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 1`,
    [],
    url,
  );
  const { makeRelation } = await import("@/test/factories");
  await makeRelation(article.workspaceId, article.id, article.importedById);
  await makeRelation(article.workspaceId, article.id, article.importedById, { deleted: true });
}

/** Asserts that the seeded content is all there (so that a round trip proves something about each kind). */
export async function expectEveryKindOfContent(url: string, sums: Checksums): Promise<void> {
  for (const table of [
    "_prisma_migrations",
    "Article",
    "ArticleRevision",
    "Annotation",
    "Entity",
    "EntityType",
    "Relation",
    "RelationType",
    "Comment",
    "Assignment",
    "ApiToken",
    "ActivityEvent",
    "Membership",
    "SearchEntry",
    "LiveEvent",
  ]) {
    expect(sums[table]?.rows, table).toBeGreaterThan(0);
  }
  const [counts] = await sql<{ orphaned: number; reviewed: number }>(
    `SELECT count(*) FILTER (WHERE "anchorState" = 'ORPHANED')::int AS orphaned,
            count(*) FILTER (WHERE "reviewedAt" IS NOT NULL)::int AS reviewed FROM "Annotation"`,
    [],
    url,
  );
  expect(counts.orphaned).toBeGreaterThan(0);
  expect(counts.reviewed).toBeGreaterThan(0);
}

/** Drops and creates the database `name` on the server (its connections are closed). */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** The tables of the database's schema. */
export async function tableNames(url: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    [],
    url,
  );
  return rows.map((r) => r.name);
}
