// Issue 13, item 7: agreement between many analysts on many types neither
// blocks the server's event loop nor computes (or sends) more than it shows.
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { callRoute } from "@/test/call-route";
import { currentRevision, makeArticle, makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const agreementRoute = "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts";
const ANALYSTS = 20;
const TYPES = 20;

let owner: TestUser;
let workspaceId: string;
let articleId: string;

/** `analystCount` analysts, each tagging every one of `typeCount` types on words of a long text, many alike. */
async function seed(analystCount: number, typeCount: number, perType = 2) {
  const analysts = await Promise.all(
    Array.from({ length: analystCount }, (_, i) => makeUser({ name: `Analyst ${i}` })),
  );
  const ws = await makeWorkspace([
    { user: owner, role: "OWNER" },
    ...analysts.map((user) => ({ user, role: "ANALYST" as const })),
  ]);
  const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
  const text = Array.from({ length: 30 }, (_, p) => words.slice(p * 100, p * 100 + 100).join(" ")).join("\n\n");
  const article = await makeArticle(ws, owner.id, { text });
  const revision = await currentRevision(article);
  const types = Array.from({ length: typeCount }, (_, t) => ({
    id: newId(),
    workspaceId: ws,
    name: `Type ${t}`,
    color: "#2f55d4",
  }));
  await db.entityType.createMany({ data: types });
  const entities = types.map((type) => ({
    id: newId(),
    workspaceId: ws,
    typeId: type.id,
    name: type.name,
    aliases: [],
  }));
  await db.entity.createMany({ data: entities });
  const starts = [...revision.text.matchAll(/word\d+/g)].map((m) => [m.index, m.index + m[0].length]);
  const rows = analysts.flatMap((analyst, a) =>
    entities.flatMap((entity, t) =>
      Array.from({ length: perType }, (_, k) => {
        const [start, end] = starts[(t * 37 + k * 11 + (k === 1 ? a * 3 : 0)) % starts.length];
        return {
          id: newId(),
          workspaceId: ws,
          articleId: article,
          revisionId: revision.id,
          authorId: analyst.id,
          entityId: entity.id,
          start,
          end,
          exact: revision.text.slice(start, end),
          prefix: "",
          suffix: "",
        };
      }),
    ),
  );
  await db.annotation.createMany({ data: rows });
  return { workspaceId: ws, articleId: article };
}

beforeAll(async () => {
  owner = await makeUser({ name: "Load Owner" });
  ({ workspaceId, articleId } = await seed(ANALYSTS, TYPES));
}, 120_000);

async function getAgreement(search: string, where = { workspaceId, articleId }, headers?: Record<string, string>) {
  return callRoute({
    file: agreementRoute,
    method: "GET",
    params: where,
    cookie: await sessionCookie(owner),
    search,
    headers,
  });
}

describe(`agreement of ${ANALYSTS} analysts × ${TYPES} types`, () => {
  it("is computed off the event loop: the request's thread stays mostly idle while every pair × type is computed", async () => {
    await getAgreement("?pairType="); // warm the worker thread
    const before = performance.eventLoopUtilization();
    const res = await getAgreement("");
    const body = await res.json();
    const busy = performance.eventLoopUtilization(before);
    expect(res.status).toBe(200);
    expect(body.data.report.annotators).toHaveLength(ANALYSTS);
    expect(body.data.report.tokenPairs.cells[0][1].byLabel).toHaveLength(TYPES);
    // Computing on this thread keeps it busy throughout (utilization ≈ 1); off it, it mostly waits.
    expect(busy.utilization).toBeLessThan(0.5);
  }, 180_000);

  it("computes and sends the pairs' figures of the type asked for only, or none", async () => {
    const overall = await (await getAgreement("?pairType=")).json();
    const cell = overall.data.report.spans.exact.cells[0][1];
    expect(cell.byLabel).toEqual([]);
    expect(cell.overall.matched + cell.overall.onlyA + cell.overall.onlyB).toBeGreaterThan(0);
    expect(overall.data.report.tokenPairs.cells[1][0].byLabel).toEqual([]);
    // The group's figures per type and each analyst's spans per type stay whole (the table by type).
    expect(overall.data.report.tokens.byLabel).toHaveLength(TYPES);
    expect(overall.data.report.spanCounts[0]).toMatchObject({ overall: TYPES * 2, byLabel: { "Type 3": 2 } });

    const one = await (await getAgreement("?pairType=Type%203")).json();
    expect(one.data.report.tokenPairs.cells[0][1].byLabel.map((l: { label: string }) => l.label)).toEqual(["Type 3"]);
    expect(one.data.report.spans.overlap.cells[2][1].byLabel.map((l: { label: string }) => l.label)).toEqual([
      "Type 3",
    ]);
    // The same figures as the whole report's, without the contingency tables (81 × 81 per pair with 80 types).
    const full = await (await getAgreement("")).json();
    const fullPair = full.data.report.tokenPairs.cells[0][1];
    const slim = ({ categories, table, ...rest }: { categories: unknown; table: unknown }) => {
      expect({ categories, table }).toEqual({ categories: expect.any(Array), table: expect.any(Array) });
      return rest;
    };
    expect(one.data.report.tokenPairs.cells[0][1].overall).toEqual(slim(fullPair.overall));
    expect(one.data.report.tokenPairs.cells[0][1].byLabel[0]).toEqual(
      slim(fullPair.byLabel.find((l: { label: string }) => l.label === "Type 3")),
    );
  }, 180_000);

  it("sends the JSON the worker thread serialized as it is, uncompressed (the web server compresses answers itself)", async () => {
    const plain = await getAgreement("?pairType=");
    const asked = await getAgreement("?pairType=", undefined, { "accept-encoding": "gzip, deflate, br" });
    expect(asked.status).toBe(200);
    // A body gzipped here would be gzipped again by scripts/compress-responses.mjs: clients would read gzip bytes as JSON.
    expect(asked.headers.get("content-encoding")).toBeNull();
    expect(await asked.json()).toEqual(await plain.json());
  }, 180_000);

  it("refuses more than 50,000 pair × type figures at once (33 analysts × 100 types), and answers one type's", async () => {
    const large = await seed(33, 100, 1);
    const all = await getAgreement("", large);
    expect(all.status).toBe(422);
    expect((await all.json()).error.details.fieldErrors.pairType).toBeDefined();
    const csv = await getAgreement("?format=csv", large);
    expect(csv.status).toBe(422);
    const overall = await getAgreement("?pairType=", large);
    expect(overall.status).toBe(200);
    expect((await overall.json()).data.report.annotators).toHaveLength(33);
  }, 180_000);
});
