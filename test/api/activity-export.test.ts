// GET …/activity/export: the activity log as JSON Lines for owners, filtered by UTC day.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

const file = "api/workspaces/[workspaceId]/activity/export/route.ts";
let owner: TestUser;
let reviewer: TestUser;
let workspaceId: string;

beforeAll(async () => {
  [owner, reviewer] = await Promise.all([makeUser(), makeUser()]);
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
  ]);
  await db.activityEvent.deleteMany({ where: { workspaceId } });
  const days = [
    "2026-03-01T23:59:59.999Z",
    "2026-03-02T00:00:00.000Z",
    "2026-03-02T12:00:00.000Z",
    "2026-03-03T00:00:00.000Z",
  ];
  // More than one batch of the stream (1,000), in an order the ids do not follow.
  const bulk = Array.from({ length: 1500 }, (_, i) => ({
    id: newId(),
    workspaceId,
    actorId: owner.id,
    action: "annotation.created",
    targetType: "annotation",
    targetId: `a${i}`,
    data: { n: i },
    createdAt: new Date(Date.parse("2026-02-01T00:00:00Z") + i * 1000),
  }));
  await db.activityEvent.createMany({
    data: [
      ...bulk,
      ...days.map((at, i) => ({
        id: newId(),
        workspaceId,
        actorId: reviewer.id,
        action: "article.deleted",
        targetType: "article",
        targetId: `day${i}`,
        createdAt: new Date(at),
      })),
    ],
  });
});

async function exportLines(search = "", user = owner) {
  const res = await callRoute({
    file,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search,
  });
  return {
    res,
    lines: res.ok
      ? (await res.text())
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [],
  };
}

describe("activity log export", () => {
  it("streams every event oldest first as JSON Lines, with the actor", async () => {
    const { res, lines } = await exportLines();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(".jsonl");
    expect(lines).toHaveLength(1504);
    expect(lines.slice(0, 1500).map((l) => l.data.n)).toEqual(bulk());
    expect(lines[0]).toMatchObject({
      workspaceId,
      action: "annotation.created",
      actor: { id: owner.id, email: owner.email, name: owner.name },
      targetType: "annotation",
      targetId: "a0",
      time: "2026-02-01T00:00:00.000Z",
    });
    expect(Object.keys(lines[0].actor).sort()).toEqual(["email", "id", "name"]);
  });

  it("keeps the UTC days from `from` to `to`, both included", async () => {
    const { lines } = await exportLines("?from=2026-03-02&to=2026-03-02");
    expect(lines.map((l) => l.targetId)).toEqual(["day1", "day2"]);
    const since = await exportLines("?from=2026-03-02");
    expect(since.lines.map((l) => l.targetId)).toEqual(["day1", "day2", "day3"]);
    const until = await exportLines("?to=2026-03-01");
    expect(until.lines.at(-1).targetId).toBe("day0");
    expect(until.lines).toHaveLength(1501);
  });

  it("refuses a bad date and a reversed range", async () => {
    expect((await exportLines("?from=2026-3-2")).res.status).toBe(422);
    expect((await exportLines("?from=2026-03-03&to=2026-03-02")).res.status).toBe(422);
  });

  it("is for owners only", async () => {
    expect((await exportLines("", reviewer)).res.status).toBe(403);
  });
});

function bulk() {
  return Array.from({ length: 1500 }, (_, i) => i);
}
