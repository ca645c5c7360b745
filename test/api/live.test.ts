import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/lib/migrate/apply-migrations";
import type { LiveMessage } from "@/lib/live/live-event";
import { LiveHub } from "@/lib/server/live/live-hub";
import { callRoute } from "@/test/call-route";
import { createScratchDatabase, type ScratchDatabase } from "@/test/db";
import {
  commentBody,
  makeAnnotation,
  makeArticle,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const events = "api/workspaces/[workspaceId]/events/route.ts";
const comments = "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts";
const member = "api/workspaces/[workspaceId]/members/[userId]/route.ts";

let owner: TestUser;
let reader: TestUser;
let workspaceId: string;
let articleId: string;
let annotationId: string;

beforeAll(async () => {
  [owner, reader] = await Promise.all(["Owner", "Reader"].map((name) => makeUser({ name })));
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reader, role: "REVIEWER" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id);
  annotationId = await makeAnnotation(workspaceId, articleId, owner.id);
});

type Frame = { id?: string; event: string; data: unknown };

/** An open event stream: frames as they arrive, and a way to wait for some. */
async function connect(user: TestUser, options: { lastEventId?: string; articleId?: string } = {}) {
  const abort = new AbortController();
  const res = await callRoute({
    file: events,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search: `?articleId=${options.articleId ?? articleId}`,
    headers: options.lastEventId ? { "last-event-id": options.lastEventId } : {},
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const frames: Frame[] = [];
  let ended = false;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(":")) continue;
        const frame: Frame = { event: "message", data: null };
        for (const line of block.split("\n")) {
          const [key, ...rest] = line.split(": ");
          const value = rest.join(": ");
          if (key === "id") frame.id = value;
          if (key === "event") frame.event = value;
          if (key === "data") frame.data = JSON.parse(value);
        }
        frames.push(frame);
      }
    }
    ended = true;
  })();
  const waitFor = async (predicate: (frames: Frame[]) => boolean, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate(frames)) {
      if (Date.now() > until) throw new Error(`timed out; frames: ${JSON.stringify(frames).slice(0, 800)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor((f) => f.some((x) => x.event === "hello"));
  return { frames, close: () => abort.abort(), waitFor, ended: () => ended };
}

const commentFrames = (frames: Frame[]) => frames.filter((f) => f.event === "comment.changed");

async function comment(text: string) {
  const res = await callRoute({
    file: comments,
    method: "POST",
    params: { workspaceId, annotationId },
    cookie: await sessionCookie(owner),
    json: { body: commentBody(text) },
  });
  expect(res.status).toBe(201);
  return (await res.json()).data.id as string;
}

describe("the event stream", () => {
  it("is for members only: 401 signed out, 404 for outsiders and foreign articles", async () => {
    const anonymous = await callRoute({ file: events, method: "GET", params: { workspaceId } });
    expect(anonymous.status).toBe(401);
    const outsider = await makeUser();
    const res = await callRoute({
      file: events,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(outsider),
    });
    expect(res.status).toBe(404);
    const otherWs = await makeWorkspace([{ user: outsider, role: "OWNER" }]);
    const foreign = await makeArticle(otherWs, outsider.id);
    const res2 = await callRoute({
      file: events,
      method: "GET",
      params: { workspaceId },
      cookie: await sessionCookie(reader),
      search: `?articleId=${foreign}`,
    });
    expect(res2.status).toBe(404);
  });

  it("delivers a change to an open stream with its sequence number as the event id", async () => {
    const stream = await connect(reader);
    try {
      const commentId = await comment("Live!");
      await stream.waitFor((f) => commentFrames(f).length > 0);
      const [frame] = commentFrames(stream.frames);
      const message = frame.data as LiveMessage<"comment.changed">;
      expect(frame.id).toBe(message.seq);
      expect(message).toMatchObject({
        type: "comment.changed",
        workspaceId,
        articleId,
        data: { annotationId, commentId },
      });
    } finally {
      stream.close();
    }
  });

  it("announces a new highlight, written in one statement, to the article's streams", async () => {
    const stream = await connect(reader);
    try {
      const revision = await db.article.findUniqueOrThrow({
        where: { id: articleId },
        select: { currentRevision: { select: { id: true, text: true } } },
      });
      const { id: revisionId, text } = revision.currentRevision!;
      const res = await callRoute({
        file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
        method: "POST",
        params: { workspaceId, articleId },
        cookie: await sessionCookie(owner),
        json: { revisionId, start: 0, end: 4, exact: text.slice(0, 4) },
      });
      expect(res.status).toBe(201);
      const { data } = await res.json();
      await stream.waitFor((f) => f.some((x) => x.event === "annotation.changed"));
      const frame = stream.frames.find((x) => x.event === "annotation.changed")!;
      expect((frame.data as LiveMessage<"annotation.changed">).data.annotationIds).toEqual([data.id]);
    } finally {
      stream.close();
    }
  });

  it("replays what a reconnecting client missed, after its Last-Event-ID, each exactly once", async () => {
    const first = await connect(reader);
    await comment("Before the cut.");
    await first.waitFor((f) => commentFrames(f).length === 1);
    const lastId = commentFrames(first.frames)[0].id!;
    first.close();
    const missed = [await comment("One."), await comment("Two."), await comment("Three.")];
    const second = await connect(reader, { lastEventId: lastId });
    try {
      await second.waitFor((f) => commentFrames(f).length >= 3);
      await new Promise((r) => setTimeout(r, 300));
      const got = commentFrames(second.frames).map((f) => (f.data as LiveMessage<"comment.changed">).data.commentId);
      expect(got).toEqual(missed);
      const ids = second.frames.filter((f) => f.id).map((f) => BigInt(f.id!));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      second.close();
    }
  });

  it("answers 400 to a Last-Event-ID beyond any event id, so an EventSource stops instead of reconnecting in a loop", async () => {
    for (const lastEventId of ["9999999999999999999", "9223372036854775808", "12a"]) {
      const res = await callRoute({
        file: events,
        method: "GET",
        params: { workspaceId },
        cookie: await sessionCookie(reader),
        search: `?articleId=${articleId}`,
        headers: { "last-event-id": lastEventId },
      });
      expect(res.status, lastEventId).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
    const largest = await connect(reader, { lastEventId: "9223372036854775807" });
    largest.close();
  });

  it("ends the stream of a member who is removed", async () => {
    const leaver = await makeUser({ name: "Leaver" });
    await db.membership.create({ data: { id: `m-${leaver.id}`, workspaceId, userId: leaver.id, role: "ANALYST" } });
    const stream = await connect(leaver);
    const res = await callRoute({
      file: member,
      method: "DELETE",
      params: { workspaceId, userId: leaver.id },
      cookie: await sessionCookie(owner),
    });
    expect(res.status).toBeLessThan(300);
    await stream.waitFor(() => stream.ended());
  });

  it("shows who has the article open", async () => {
    const stream = await connect(reader);
    try {
      const res = await callRoute({
        file: "api/workspaces/[workspaceId]/articles/[articleId]/presence/route.ts",
        method: "GET",
        params: { workspaceId, articleId },
        cookie: await sessionCookie(owner),
      });
      const { data } = await res.json();
      expect(data).toContainEqual(expect.objectContaining({ userId: reader.id, name: "Reader" }));
    } finally {
      stream.close();
    }
  });
  it("shows a pending link to the others, and forgets it when the link is made or cancelled", async () => {
    const presence = "api/workspaces/[workspaceId]/articles/[articleId]/presence/route.ts";
    const stream = await connect(reader);
    const watcher = await connect(owner);
    try {
      const { connectionId } = stream.frames.find((f) => f.event === "hello")!.data as { connectionId: string };
      const share = async (linkingFromId: string | null | undefined) => {
        const res = await callRoute({
          file: presence,
          method: "POST",
          params: { workspaceId, articleId },
          cookie: await sessionCookie(reader),
          json: { connectionId, selectedAnnotationId: annotationId, linkingFromId },
        });
        expect(res.status).toBe(204);
      };
      const linkingSeenByOwner = async () => {
        const res = await callRoute({
          file: presence,
          method: "GET",
          params: { workspaceId, articleId },
          cookie: await sessionCookie(owner),
        });
        const { data } = (await res.json()) as { data: { userId: string; linkingFromIds: string[] }[] };
        return data.find((p) => p.userId === reader.id)?.linkingFromIds;
      };
      const changes = () => watcher.frames.filter((f) => f.event === "presence.changed").length;
      const before = changes();
      await share(annotationId);
      // The others hear of it at once, and see where the link starts.
      await watcher.waitFor(() => changes() > before);
      expect(await linkingSeenByOwner()).toEqual([annotationId]);
      // A selection change that says nothing of the link leaves it pending.
      await share(undefined);
      expect(await linkingSeenByOwner()).toEqual([annotationId]);
      await share(null);
      expect(await linkingSeenByOwner()).toEqual([]);
    } finally {
      stream.close();
      watcher.close();
    }
  });
});

describe("LiveHub", () => {
  // Its own database: holes in the sequence are made on purpose, and other test files write events concurrently.
  let scratch: ScratchDatabase;
  let client: PrismaClient;
  let hub: LiveHub;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    await applyMigrations({ connectionString: scratch.url });
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url, max: 2 }) });
    hub = new LiveHub({ transport: "poll", client });
  });
  afterAll(async () => {
    await hub?.close();
    await client?.$disconnect();
    await scratch?.drop();
  });

  it("delivers in sequence order, waits for a hole to fill, and passes over one that never does", async () => {
    const got: string[] = [];
    hub.subscribe((m) => got.push(m.seq));
    await hub.ready();
    const take = async () =>
      (await client.$queryRaw<{ n: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"LiveEvent"', 'seq')) AS n`)[0].n;
    const write = (seq: bigint) =>
      client.liveEvent.create({ data: { seq, workspaceId: "w", type: "presence.changed", data: {} } });
    // Three numbers taken; the 2nd and 3rd are written at once, the 1st a moment later (a slow transaction).
    const [a, b, c] = [await take(), await take(), await take()];
    await write(b);
    await write(c);
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toEqual([]);
    await write(a);
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toEqual([a, b, c].map(String));

    // A number taken and never written (a rolled-back transaction) holds back only for the grace period.
    await take();
    const e = await take();
    await write(e);
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 2000));
    expect(got).toEqual([a, b, c, e].map(String));
  });
});
