// The embedded default under concurrent use: 32 clients for 20 s run the app's
// real routes (annotation create — the prepared hot path —, update and delete,
// comment create, list queries) against an embedded PostgreSQL server started
// exactly as `npm start` starts it, with the app's default pool. Every answer is
// checked against what its client sent, and every acknowledged write is then
// looked up in the database.
//
// Run once against the embedded server it replaces (PGlite behind
// pglite-socket, 8 connections, the pool of 6 `npm start` gave it; 2026-12-07):
// it failed at once — 500s from `prepared statement "insert-annotations-…"
// already exists` (42P05) and `portal "" does not exist` (34000), and 401s
// for valid sessions, the connections' statements interleaved on PGlite's one
// session — so this test catches that defect.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/lib/migrate";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/scripts/embedded-db.mjs";
import { callRoute } from "@/test/call-route";

const CLIENTS = 32;
const DURATION_MS = 20_000;

let embedded: EmbeddedDatabase;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "marginalia-concurrency-"));
  embedded = await startEmbeddedDatabase({ dataDir: path.join(folder, "postgres"), ephemeral: false });
  await applyMigrations({ connectionString: embedded.url });
  // Before anything in this file touches lib/db, which connects on first use: the app's database and pool size as `npm start` sets them.
  process.env.DATABASE_URL = embedded.url;
  delete process.env.DATABASE_POOL_MAX;
}, 120_000);

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect().catch(() => undefined);
  await embedded?.stop();
  rmSync(folder, { recursive: true, force: true });
});

type Expected = { note: string; start: number; end: number; deleted: boolean; comments: string[] };

it(`${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s: no protocol error, no 5xx, every acknowledged write stored once as sent`, async () => {
  const { makeArticle, makeUser, makeWorkspace, sessionCookie, currentRevision, commentBody } =
    await import("@/test/factories");
  const users = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => makeUser({ name: `Client ${i}` })));
  const workspaceId = await makeWorkspace(users.map((user, i) => ({ user, role: i === 0 ? "OWNER" : "ANALYST" })));
  const words = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}`);
  const articleId = await makeArticle(workspaceId, users[0].id, {
    text: `Concurrency\n\n${words.join(" ")}\n\n${words.reverse().join(" ")}`,
  });
  const revision = await currentRevision(articleId);
  const spans = [...revision.text.matchAll(/word\w+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

  const failures: string[] = [];
  const expected = new Map<string, Expected & { client: number }>();
  const deadline = Date.now() + DURATION_MS;
  let requests = 0;

  async function client(n: number) {
    const cookie = await sessionCookie(users[n]);
    const mine: { id: string; version: number }[] = [];
    const call = async (options: Parameters<typeof callRoute>[0], want: number[]) => {
      requests++;
      let res: Response;
      try {
        res = await callRoute({ ...options, cookie });
      } catch (err) {
        failures.push(`client ${n} ${options.method} ${options.file}: threw ${(err as Error).message}`);
        return null;
      }
      const body = res.status === 204 ? {} : await res.json();
      if (!want.includes(res.status)) {
        failures.push(`client ${n} ${options.method} ${options.file}: ${res.status} ${JSON.stringify(body)}`);
        return null;
      }
      return body as { data: Record<string, unknown> & { id: string; version: number } };
    };

    for (let step = 0; Date.now() < deadline; step++) {
      const action = step < 2 || mine.length === 0 ? 0 : step % 6;
      if (action === 0 || action === 5) {
        const span = spans[(n * 97 + step * 13) % spans.length];
        const note = `c${n}-s${step}`;
        const body = await call(
          {
            file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
            method: "POST",
            params: { workspaceId, articleId },
            json: { revisionId: revision.id, ...span, exact: revision.text.slice(span.start, span.end), note },
          },
          [201],
        );
        if (!body) continue;
        const a = body.data;
        if (a.note !== note || a.start !== span.start || a.end !== span.end || a.articleId !== articleId)
          failures.push(`client ${n}: created ${JSON.stringify(a)} for ${note} ${span.start}–${span.end}`);
        mine.push({ id: a.id, version: a.version });
        expected.set(a.id, { client: n, note, ...span, deleted: false, comments: [] });
      } else if (action === 1) {
        const target = mine[step % mine.length];
        const note = `c${n}-s${step}-edited`;
        const body = await call(
          {
            file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
            method: "PATCH",
            params: { workspaceId, annotationId: target.id },
            json: { version: target.version, note },
          },
          [200],
        );
        if (!body) continue;
        if (body.data.id !== target.id || body.data.note !== note)
          failures.push(`client ${n}: updated ${JSON.stringify(body.data)} for ${target.id} ${note}`);
        target.version = body.data.version;
        expected.get(target.id)!.note = note;
      } else if (action === 2) {
        const target = mine[step % mine.length];
        const text = `comment c${n}-s${step}`;
        const body = await call(
          {
            file: "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts",
            method: "POST",
            params: { workspaceId, annotationId: target.id },
            json: { body: commentBody(text) },
          },
          [201],
        );
        if (!body) continue;
        if (body.data.annotationId !== target.id)
          failures.push(`client ${n}: comment ${JSON.stringify(body.data)} on ${target.id}`);
        expected.get(target.id)!.comments.push(text);
      } else if (action === 3) {
        const ids = mine.slice(-5).map((a) => a.id);
        const body = (await call(
          {
            file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
            method: "GET",
            params: { workspaceId, articleId },
            search: `?ids=${ids.join(",")}`,
          },
          [200],
        )) as unknown as { data: { id: string; note: string | null }[] } | null;
        if (!body) continue;
        for (const id of ids) {
          const want = expected.get(id)!;
          const got = body.data.find((a) => a.id === id);
          if (!want.deleted && got?.note !== want.note)
            failures.push(`client ${n}: listed ${JSON.stringify(got)} for ${id}, expected note ${want.note}`);
        }
      } else if (action === 4 && mine.length > 3) {
        const [target] = mine.splice(step % mine.length, 1);
        const body = await call(
          {
            file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
            method: "DELETE",
            params: { workspaceId, annotationId: target.id },
          },
          [200, 204],
        );
        if (body) expected.get(target.id)!.deleted = true;
      }
      if (failures.length > 20) return;
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  expect(failures).toEqual([]);
  expect(requests).toBeGreaterThan(CLIENTS * 10);

  const check = new pg.Client({ connectionString: embedded.url });
  await check.connect();
  try {
    const { rows } = await check.query<{
      id: string;
      note: string | null;
      start: number;
      end: number;
      deletedAt: Date | null;
      comments: string[];
    }>(
      `SELECT a.id, a.note, a."start", a."end", a."deletedAt",
                coalesce(array_agg(c.text ORDER BY c."createdAt", c.id) FILTER (WHERE c.id IS NOT NULL), '{}') AS comments
           FROM "Annotation" a LEFT JOIN "Comment" c ON c."annotationId" = a.id
          WHERE a."workspaceId" = $1 GROUP BY a.id`,
      [workspaceId],
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    expect(rows).toHaveLength(expected.size);
    for (const [id, want] of expected) {
      const row = stored.get(id);
      expect(row, `annotation ${id}`).toBeDefined();
      expect({ note: row!.note, start: row!.start, end: row!.end, deleted: row!.deletedAt !== null }).toEqual({
        note: want.note,
        start: want.start,
        end: want.end,
        deleted: want.deleted,
      });
      expect(new Set(row!.comments)).toEqual(new Set(want.comments));
      expect(row!.comments).toHaveLength(want.comments.length);
    }
  } finally {
    await check.end();
  }
}, 120_000);
