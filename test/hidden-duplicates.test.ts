import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/migrate";
import { assertNoHiddenDuplicates, findHiddenDuplicates } from "../scripts/hidden-duplicates.mjs";
import { createScratchDatabase, sql, type ScratchDatabase } from "./db";

// The check that ends every run (test/global-setup.ts, scripts/e2e.mjs), on a database of its own:
// duplicates made here must not fail the run's own check.
let scratch: ScratchDatabase;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  await applyMigrations({ connectionString: scratch.url });
  await sql(
    `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'u1@example.test', 'U', now());
     INSERT INTO "Workspace" ("id", "name", "createdById", "updatedAt") VALUES ('w1', 'W', 'u1', now());
     INSERT INTO "Article" ("id", "workspaceId", "title", "importedById", "updatedAt") VALUES ('a1', 'w1', 'A', 'u1', now());
     INSERT INTO "ArticleRevision" ("id", "workspaceId", "articleId", "number", "content", "text", "authorId")
       VALUES ('r1', 'w1', 'a1', 1, '{}', 'Kabul fell.', 'u1');`,
    [],
    scratch.url,
  );
});
afterAll(() => scratch?.drop());

async function annotate(id: string, start: number, end: number, deleted = false) {
  await sql(
    `INSERT INTO "Annotation" ("id", "workspaceId", "articleId", "revisionId", "authorId", "start", "end", "exact", "prefix", "suffix", "updatedAt", "deletedAt")
     VALUES ($1, 'w1', 'a1', 'r1', 'u1', $2, $3, 'Kabul', '', '', now(), $4)`,
    [id, start, end, deleted ? new Date() : null],
    scratch.url,
  );
}

describe("the hidden-duplicate check", () => {
  it("passes with distinct spans and a deleted copy, and fails on two live annotations on one span by one author", async () => {
    await annotate("x1", 0, 5);
    await annotate("x2", 0, 5, true);
    await annotate("x3", 6, 10);
    await expect(assertNoHiddenDuplicates(scratch.url)).resolves.toBeUndefined();
    await annotate("x4", 0, 5);
    expect(await findHiddenDuplicates(scratch.url)).toMatchObject([{ copies: 2, start: 0, end: 5, exact: "Kabul" }]);
    await expect(assertNoHiddenDuplicates(scratch.url)).rejects.toThrow(/1?2× “Kabul” \[0, 5\)/);
  });
});
