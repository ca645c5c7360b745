// The relations migration gives every workspace that existed before it the
// default relation types, constrained by that workspace's own entity types.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/lib/migrate";
import { defaultRelationTypes } from "@/lib/relations/default-relation-types";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";

const RELATIONS = "20261207110000_relations";
const migrationsDir = path.join(__dirname, "..", "prisma", "migrations");
let database: ScratchDatabase;
let before: string;

beforeAll(async () => {
  database = await createScratchDatabase();
  before = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const entry of readdirSync(migrationsDir)) {
    if (entry >= RELATIONS && entry !== "migration_lock.toml") continue;
    cpSync(path.join(migrationsDir, entry), path.join(before, entry), { recursive: true });
  }
  await applyMigrations({ connectionString: database.url, migrationsDir: before });
});

afterAll(async () => {
  await database?.drop();
  if (before) rmSync(before, { recursive: true, force: true });
});

it("backfills the default relation types of existing workspaces", async () => {
  const run = (text: string, params: unknown[] = []) => sql(text, params, database.url);
  await run(`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'u1@example.test', 'U', now())`);
  for (const w of ["w1", "w2"]) {
    await run(`INSERT INTO "Workspace" ("id", "name", "createdById", "updatedAt") VALUES ($1, $1, 'u1', now())`, [w]);
  }
  // w1 has the default entity types; w2 renamed Organization away.
  const entityTypes: [string, string, string][] = [
    ["t1", "w1", "Person"],
    ["t2", "w1", "Organization"],
    ["t3", "w1", "Location"],
    ["t4", "w2", "Person"],
    ["t5", "w2", "Group"],
  ];
  for (const [id, w, name] of entityTypes) {
    await run(
      `INSERT INTO "EntityType" ("id", "workspaceId", "name", "color", "updatedAt") VALUES ($1, $2, $3, '#000000', now())`,
      [id, w, name],
    );
  }

  await applyMigrations({ connectionString: database.url, migrationsDir });

  const rows = await run(
    `SELECT "workspaceId", "name", "directed", "sourceTypeIds", "targetTypeIds", "shortcut", "position", length("id") AS "idLength"
       FROM "RelationType" ORDER BY "workspaceId", "position"`,
  );
  const names = defaultRelationTypes.map((t) => t.name);
  expect(rows.filter((r) => r.workspaceId === "w1").map((r) => r.name)).toEqual(names);
  expect(rows.filter((r) => r.workspaceId === "w2").map((r) => r.name)).toEqual(names);
  expect(rows.every((r) => r.idLength === 24)).toBe(true);
  const leads = (w: string) => rows.find((r) => r.workspaceId === w && r.name === "leads")!;
  expect(leads("w1")).toMatchObject({ directed: true, sourceTypeIds: ["t1"], targetTypeIds: ["t2"], shortcut: "l" });
  expect(leads("w2")).toMatchObject({ sourceTypeIds: ["t4"], targetTypeIds: [] });
  expect(rows.find((r) => r.workspaceId === "w1" && r.name === "met with")).toMatchObject({ directed: false });
});
