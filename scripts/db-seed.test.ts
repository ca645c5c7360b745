// The demo seed (`npm start` runs it on an empty database), run as npm start
// runs it, on a scratch database of its own: the demo users' emails are fixed.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/migrate";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";
import { demoEntities, demoWork } from "@/prisma/seed/demo-annotations";

const root = path.resolve(__dirname, "..");

/** Runs scripts/db-seed.ts on `url` the way scripts/start.mjs does; resolves with its exit code and output. */
function runSeed(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join("scripts", "db-seed.ts"), "--if-empty"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_MAX: "4" }, stdio: "pipe" },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const count = async (url: string, query: string) => Number((await sql<{ n: string }>(query, [], url))[0].n);

describe("the demo seed", () => {
  let database: ScratchDatabase;
  let seeded: { code: number | null; output: string };

  beforeAll(async () => {
    database = await createScratchDatabase();
    await applyMigrations({ connectionString: database.url });
    seeded = await runSeed(database.url);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("creates the workspace, its catalog and the annotation work", async () => {
    expect(seeded.output).toContain("Demo data created.");
    expect(seeded.code).toBe(0);
    const url = database.url;
    expect(await count(url, `SELECT count(*) AS n FROM "User"`)).toBe(4);
    expect(await count(url, `SELECT count(*) AS n FROM "Article"`)).toBe(3);
    expect(await count(url, `SELECT count(*) AS n FROM "Entity"`)).toBe(demoEntities.length);
    expect(demoEntities.length).toBeGreaterThanOrEqual(12);
    const types = await sql<{ name: string }>(
      `SELECT DISTINCT t."name" FROM "Entity" e JOIN "EntityType" t ON t."id" = e."typeId" ORDER BY 1`,
      [],
      url,
    );
    expect(types.map((t) => t.name)).toEqual(["Event", "Location", "Organization", "Person"]);

    const statuses = await sql<{ status: string; n: string }>(
      `SELECT "status", count(*) AS n FROM "Annotation" WHERE "deletedAt" IS NULL GROUP BY 1`,
      [],
      url,
    );
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    const total = demoWork.reduce((n, w) => n + w.annotations.length, 0);
    expect(byStatus).toEqual({ ACCEPTED: 6, REJECTED: 1, PROPOSED: total - 7 });

    // Blind on the first article for both analysts, both submitted; one open, dated assignment.
    const assignments = await sql<{ email: string; blind: boolean; submitted: boolean; due: boolean }>(
      `SELECT u."email", a."blind", a."submittedAt" IS NOT NULL AS submitted, a."dueAt" IS NOT NULL AS due
         FROM "Assignment" a JOIN "User" u ON u."id" = a."assigneeId" ORDER BY a."blind", u."email"`,
      [],
      url,
    );
    expect(assignments).toEqual([
      { email: "analyst@demo.marginalia.local", blind: false, submitted: false, due: true },
      { email: "analyst2@demo.marginalia.local", blind: true, submitted: true, due: true },
      { email: "analyst@demo.marginalia.local", blind: true, submitted: true, due: true },
    ]);

    // The rejection's reason and the thread with its reply and mention.
    expect(await count(url, `SELECT count(*) AS n FROM "Comment"`)).toBe(3);
    expect(await count(url, `SELECT count(*) AS n FROM "Comment" WHERE "text" LIKE 'Rejected: %'`)).toBe(1);
    expect(await count(url, `SELECT count(*) AS n FROM "Comment" WHERE "text" LIKE '%@Ada Analyst%'`)).toBe(1);
    expect(await count(url, `SELECT count(*) AS n FROM "ActivityEvent" WHERE "action" = 'annotation.created'`)).toBe(
      total,
    );

    // Relations drawn by the analysts, one accepted: the reader's arcs, the entity page and the network show them.
    const relations = await sql<{ type: string; source: string; target: string; status: string }>(
      `SELECT t.name AS type, s.exact AS source, d.exact AS target, r.status::text AS status
         FROM "Relation" r JOIN "RelationType" t ON t.id = r."typeId"
         JOIN "Annotation" s ON s.id = r."sourceId" JOIN "Annotation" d ON d.id = r."targetId"
        ORDER BY 1, 2`,
      [],
      url,
    );
    expect(relations).toEqual([
      { type: "leads", source: "Beatriz Hallam", target: "Regional Water Council", status: "ACCEPTED" },
      { type: "leads", source: "Priya Lindqvist", target: "Aldercrest Systems", status: "PROPOSED" },
      { type: "located in", source: "Regional Water Council", target: "Castrel", status: "PROPOSED" },
    ]);
  });

  it("anchors every annotation on its revision's text", async () => {
    const rows = await sql<{ exact: string; prefix: string; suffix: string; start: number; end: number; text: string }>(
      `SELECT a."exact", a."prefix", a."suffix", a."start", a."end", r."text"
         FROM "Annotation" a JOIN "ArticleRevision" r ON r."id" = a."revisionId"`,
      [],
      database.url,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.exact).toBe(row.text.slice(row.start, row.end));
      expect(row.text.slice(0, row.start).endsWith(row.prefix)).toBe(true);
      expect(row.text.slice(row.end).startsWith(row.suffix)).toBe(true);
    }
  });

  it("on agreement material: the same span tagged differently, an overlap, spans only one analyst marked", async () => {
    const rows = await sql<{ email: string; start: number; end: number; entity: string | null }>(
      `SELECT u."email", a."start", a."end", e."name" AS entity
         FROM "Annotation" a JOIN "User" u ON u."id" = a."authorId" LEFT JOIN "Entity" e ON e."id" = a."entityId"
         JOIN "Assignment" s ON s."articleId" = a."articleId" AND s."assigneeId" = a."authorId" AND s."blind"`,
      [],
      database.url,
    );
    const mine = rows.filter((r) => r.email.startsWith("analyst@"));
    const theirs = rows.filter((r) => r.email.startsWith("analyst2@"));
    const same = (a: (typeof rows)[number], b: (typeof rows)[number]) => a.start === b.start && a.end === b.end;
    expect(mine.some((a) => theirs.some((b) => same(a, b) && a.entity === b.entity))).toBe(true);
    expect(mine.some((a) => theirs.some((b) => same(a, b) && a.entity !== b.entity))).toBe(true);
    expect(mine.some((a) => theirs.some((b) => !same(a, b) && a.start < b.end && b.start < a.end))).toBe(true);
    expect(mine.some((a) => !theirs.some((b) => a.start < b.end && b.start < a.end))).toBe(true);
    expect(theirs.some((b) => !mine.some((a) => a.start < b.end && b.start < a.end))).toBe(true);
  });

  it("seeds nothing the second time (--if-empty)", async () => {
    const again = await runSeed(database.url);
    expect(again.code).toBe(0);
    expect(again.output).toContain("not seeding");
    expect(await count(database.url, `SELECT count(*) AS n FROM "Annotation"`)).toBe(
      demoWork.reduce((n, w) => n + w.annotations.length, 0),
    );
  }, 60_000);
});
