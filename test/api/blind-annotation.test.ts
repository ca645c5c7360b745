// Blind annotation: while an analyst has a blind, unsubmitted assignment on an
// article, no route shows them anyone else's annotations on it (nor their
// threads, mentions, co-occurrences, live events or notifications); reviewers
// and owners always see everyone's; after submitting, the analyst does too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decodeAnnotations } from "@/lib/annotations/compact-annotations";
import { findReaderAnnotations } from "@/lib/server/annotations/find-reader-annotations";
import { findActivity } from "@/lib/server/activity/find-activity";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { unzipText } from "@/lib/export/test/unzip";
import { callRoute } from "@/test/call-route";
import {
  commentBody,
  currentRevision,
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeComment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const R = {
  annotations: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
  workspaceAnnotations: "api/workspaces/[workspaceId]/annotations/route.ts",
  annotation: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
  restore: "api/workspaces/[workspaceId]/annotations/[annotationId]/restore/route.ts",
  threads: "api/workspaces/[workspaceId]/articles/[articleId]/threads/route.ts",
  comments: "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts",
  thread: "api/workspaces/[workspaceId]/annotations/[annotationId]/thread/route.ts",
  history: "api/workspaces/[workspaceId]/comments/[commentId]/history/route.ts",
  comment: "api/workspaces/[workspaceId]/comments/[commentId]/route.ts",
  commentRestore: "api/workspaces/[workspaceId]/comments/[commentId]/restore/route.ts",
  entity: "api/workspaces/[workspaceId]/entities/[entityId]/route.ts",
  search: "api/workspaces/[workspaceId]/search/route.ts",
  suggest: "api/workspaces/[workspaceId]/search/suggest/route.ts",
  network: "api/workspaces/[workspaceId]/entity-network/route.ts",
  passages: "api/workspaces/[workspaceId]/entity-network/passages/route.ts",
  suggestions: "api/workspaces/[workspaceId]/articles/[articleId]/suggestions/route.ts",
  notifications: "api/workspaces/[workspaceId]/notifications/route.ts",
  activity: "api/workspaces/[workspaceId]/activity/route.ts",
  events: "api/workspaces/[workspaceId]/events/route.ts",
  presence: "api/workspaces/[workspaceId]/articles/[articleId]/presence/route.ts",
  submit: "api/workspaces/[workspaceId]/assignments/[assignmentId]/submit/route.ts",
  articleExport: "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts",
  workspaceExport: "api/workspaces/[workspaceId]/export/route.ts",
};

const TEXT = "Ahmad Massoud met Amrullah Saleh in Panjshir.\n\nThey spoke in Kabul later.";

let owner: TestUser;
let reviewer: TestUser;
let blind: TestUser;
let other: TestUser;
let workspaceId: string;
let articleId: string;
let freeArticleId: string;
let assignmentId: string;
let massoud: string;
let panjshir: string;
let ownAnnotation: string;
let othersAnnotation: string;
let othersComment: string;
let freeOthersAnnotation: string;

async function call(
  user: TestUser,
  file: string,
  params: Record<string, string>,
  options: { method?: string; json?: unknown; search?: string } = {},
) {
  return callRoute({
    file,
    method: options.method ?? "GET",
    params: { workspaceId, ...params },
    cookie: await sessionCookie(user),
    json: options.json,
    search: options.search,
  });
}

async function json(user: TestUser, file: string, params: Record<string, string>, search?: string) {
  const res = await call(user, file, params, { search });
  expect(res.status, `${file} ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as { data: unknown; unreadCount?: number };
}

beforeAll(async () => {
  [owner, reviewer, blind, other] = await Promise.all(
    ["Owner", "Reviewer", "Blind Analyst", "Other Analyst"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
    { user: blind, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
  articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  freeArticleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  const { text } = await currentRevision(articleId);
  massoud = await makeEntity(workspaceId, { name: "Ahmad Massoud" });
  panjshir = await makeEntity(workspaceId, { name: "Panjshir", type: "Place" });
  const at = (s: string) => ({ start: text.indexOf(s), length: s.length });
  ownAnnotation = await makeAnnotation(workspaceId, articleId, blind.id, { ...at("Ahmad Massoud"), entityId: massoud });
  // The other analyst tagged both entities in the first paragraph: a co-occurrence only they made.
  othersAnnotation = await makeAnnotation(workspaceId, articleId, other.id, { ...at("Panjshir"), entityId: panjshir });
  await makeAnnotation(workspaceId, articleId, other.id, { ...at("Ahmad Massoud"), entityId: massoud });
  othersComment = (
    await makeComment(workspaceId, other.id, { annotationId: othersAnnotation, text: "Is this the valley?" })
  ).commentId;
  await db.comment.update({ where: { id: othersComment }, data: { editedAt: new Date() } });
  await db.commentRevision.create({
    data: { id: `rev-${othersComment}`, commentId: othersComment, body: commentBody("Earlier"), text: "Earlier" },
  });
  // A mention of the blind analyst in the other analyst's thread.
  await db.notification.create({
    data: {
      id: `n-${othersComment}`,
      recipientId: blind.id,
      workspaceId,
      kind: "MENTION",
      actorId: other.id,
      articleId,
      annotationId: othersAnnotation,
      commentId: othersComment,
    },
  });
  freeOthersAnnotation = await makeAnnotation(workspaceId, freeArticleId, other.id, at("Panjshir"));
  assignmentId = await makeAssignment(workspaceId, articleId, blind.id, owner.id, { blind: true });
  // A non-blind assignment changes nothing.
  await makeAssignment(workspaceId, freeArticleId, blind.id, owner.id, { blind: false });
});

afterAll(async () => {
  // Back to blind for anyone running this file's tests out of order.
  await db.assignment.update({ where: { id: assignmentId }, data: { submittedAt: null } });
});

const ids = (data: unknown) => (data as { id: string }[]).map((a) => a.id);

/** Everything the blind analyst can learn about the other analyst's work on the article, route by route. */
async function whatTheySee(user: TestUser) {
  const list = await json(user, R.annotations, { articleId });
  const byAuthor = await json(user, R.annotations, { articleId }, `?authorId=${other.id}`);
  const byIds = await json(user, R.annotations, { articleId }, `?ids=${othersAnnotation}`);
  const acrossArticles = await json(user, R.workspaceAnnotations, {}, `?articleId=${articleId}`);
  const { text } = await currentRevision(articleId);
  const reader = decodeAnnotations(
    await findReaderAnnotations({ workspaceId, articleId, viewer: { id: user.id, role: "ANALYST" }, text }),
    text,
  );
  const threads = (await json(user, R.threads, { articleId })).data as { annotationId: string }[];
  const thread = await call(user, R.comments, { annotationId: othersAnnotation });
  const history = await call(user, R.history, { commentId: othersComment });
  const entity = (await json(user, R.entity, { entityId: panjshir })).data as {
    articles: { id: string; mentions: { id: string }[] }[];
  };
  const massoudPage = (await json(user, R.entity, { entityId: massoud })).data as {
    articles: { id: string; mentions: { id: string }[] }[];
  };
  const network = (await json(user, R.network, {}, `?articleId=${articleId}`)).data as {
    nodes: { id: string; mentions: number }[];
    edges: unknown[];
  };
  const passages = (await json(user, R.passages, {}, `?source=${massoud}&target=${panjshir}&articleId=${articleId}`))
    .data as { total: number };
  const notifications = (await json(user, R.notifications, {})).data as { annotationId: string }[];
  const w3c = await (await call(user, R.articleExport, { articleId }, { search: "?format=w3c" })).text();
  const zip = Buffer.from(await (await call(user, R.workspaceExport, {}, { search: "?format=w3c" })).arrayBuffer());
  const all = (await unzipText(zip)).map((f) => f.text).join("\n");
  return {
    list: ids(list.data),
    byAuthor: ids(byAuthor.data),
    byIds: ids(byIds.data),
    acrossArticles: ids(acrossArticles.data).sort(),
    reader: reader.map((a) => a.id),
    threads: threads.map((t) => t.annotationId),
    thread: thread.status,
    history: history.status,
    panjshirMentionsHere: entity.articles.find((a) => a.id === articleId)?.mentions.length ?? 0,
    massoudMentionsHere: massoudPage.articles.find((a) => a.id === articleId)?.mentions.length ?? 0,
    networkNodes: network.nodes.map((n) => n.id).sort(),
    networkEdges: network.edges.length,
    passages: passages.total,
    notifications: notifications.map((n) => n.annotationId),
    exports: {
      own: w3c.includes(ownAnnotation) && all.includes(ownAnnotation),
      others: [w3c, all].some((t) => t.includes(othersAnnotation) || t.includes("Is this the valley?")),
    },
  };
}

describe("an analyst annotating blind", () => {
  it("sees only their own annotations on that article, through every route", async () => {
    const seen = await whatTheySee(blind);
    expect(seen).toEqual({
      list: [ownAnnotation],
      byAuthor: [],
      byIds: [],
      acrossArticles: [ownAnnotation],
      reader: [ownAnnotation],
      threads: [],
      thread: 404,
      history: 404,
      panjshirMentionsHere: 0,
      massoudMentionsHere: 1,
      networkNodes: [massoud],
      networkEdges: 0,
      passages: 0,
      notifications: [],
      exports: { own: true, others: false },
    });
  });

  it("still sees everyone's on articles they are not blind on", async () => {
    const list = await json(blind, R.annotations, { articleId: freeArticleId });
    expect(ids(list.data)).toEqual([freeOthersAnnotation]);
    const thread = await call(blind, R.comments, { annotationId: freeOthersAnnotation });
    expect(thread.status).toBe(200);
  });

  it("cannot comment on, resolve, change or delete others' annotations there: 404, as if they did not exist", async () => {
    const post = await call(
      blind,
      R.comments,
      { annotationId: othersAnnotation },
      {
        method: "POST",
        json: { body: commentBody("Peeking") },
      },
    );
    expect(post.status).toBe(404);
    const resolve = await call(
      blind,
      R.thread,
      { annotationId: othersAnnotation },
      {
        method: "POST",
        json: { resolved: true },
      },
    );
    expect(resolve.status).toBe(404);
    const patch = await call(
      blind,
      R.annotation,
      { annotationId: othersAnnotation },
      {
        method: "PATCH",
        json: { version: 1, note: "x" },
      },
    );
    expect(patch.status).toBe(404);
    const del = await call(blind, R.annotation, { annotationId: othersAnnotation }, { method: "DELETE" });
    expect(del.status).toBe(404);
    expect(await db.comment.count({ where: { annotationId: othersAnnotation } })).toBe(1);
  });

  it("cannot edit, delete or restore others' comments there: 404, as for a comment that does not exist", async () => {
    const attempts = async (commentId: string) => [
      await call(blind, R.comment, { commentId }, { method: "PATCH", json: { version: 1, body: commentBody("x") } }),
      await call(blind, R.comment, { commentId }, { method: "DELETE" }),
      await call(blind, R.commentRestore, { commentId }, { method: "POST" }),
    ];
    const hidden = await attempts(othersComment);
    const missing = await attempts("no-such-comment");
    for (const [i, res] of hidden.entries()) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(await missing[i].json());
    }
    const stored = await db.comment.findUniqueOrThrow({ where: { id: othersComment } });
    expect(stored.deletedAt).toBeNull();
    expect(stored.text).toBe("Is this the valley?");
  });

  it("gets suggestions where others have tagged (their spans are not revealed as taken)", async () => {
    const { data } = (await json(blind, R.suggestions, { articleId })) as {
      data: { suggestions: { start: number; end: number }[] };
    };
    const { text } = await currentRevision(articleId);
    const panjshirAt = text.indexOf("Panjshir");
    expect(data.suggestions.some((s) => s.start === panjshirAt)).toBe(true);
  });

  it("cannot read the activity feed (reviewers and owners only), and the feed itself leaves others' quotes out", async () => {
    const res = await call(blind, R.activity, {});
    expect(res.status).toBe(403);
    const event = (actorId: string, article: string, exact: string) => ({
      id: `a-${exact}-${othersComment}`,
      workspaceId,
      actorId,
      action: "annotation.created",
      targetType: "annotation",
      targetId: exact,
      data: { articleId: article, exact },
    });
    await db.activityEvent.createMany({
      data: [
        event(other.id, articleId, "their quote"),
        event(blind.id, articleId, "my quote"),
        event(other.id, freeArticleId, "elsewhere"),
      ],
    });
    const quotes = async (user: TestUser, role: "ANALYST" | "OWNER") => {
      const visibility = await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role } });
      const { items } = await findActivity({ workspaceId, visibility, limit: 200 });
      return items.flatMap((i) => ((i.data as { exact?: string })?.exact ? [(i.data as { exact: string }).exact] : []));
    };
    expect((await quotes(blind, "ANALYST")).sort()).toEqual(["elsewhere", "my quote"]);
    expect((await quotes(owner, "OWNER")).sort()).toEqual(["elsewhere", "my quote", "their quote"]);
  });

  it("does not see others' selections in presence", async () => {
    await db.presence.create({
      data: {
        connectionId: `c-${othersAnnotation}`,
        userId: other.id,
        workspaceId,
        articleId,
        selectedAnnotationId: othersAnnotation,
      },
    });
    const blindView = (await json(blind, R.presence, { articleId })).data as { selectedAnnotationIds: string[] }[];
    expect(blindView.flatMap((p) => p.selectedAnnotationIds)).toEqual([]);
    const reviewerView = (await json(reviewer, R.presence, { articleId })).data as {
      selectedAnnotationIds: string[];
    }[];
    expect(reviewerView.flatMap((p) => p.selectedAnnotationIds)).toEqual([othersAnnotation]);
    await db.presence.delete({ where: { connectionId: `c-${othersAnnotation}` } });
  });

  it("never sees others' pending links, even from their own annotation", async () => {
    await db.presence.createMany({
      data: [
        // Linking from their own annotation, and from the blind analyst's own one (both visible to a reviewer).
        { connectionId: "c-linking-1", userId: other.id, workspaceId, articleId, linkingFromId: othersAnnotation },
        { connectionId: "c-linking-2", userId: reviewer.id, workspaceId, articleId, linkingFromId: ownAnnotation },
      ],
    });
    try {
      type Seen = { userId: string; linkingFromIds: string[] }[];
      const blindView = (await json(blind, R.presence, { articleId })).data as Seen;
      expect(blindView.map((p) => p.userId).sort()).toEqual([other.id, reviewer.id].sort());
      expect(blindView.flatMap((p) => p.linkingFromIds)).toEqual([]);
      const ownerView = (await json(owner, R.presence, { articleId })).data as Seen;
      expect(ownerView.flatMap((p) => p.linkingFromIds).sort()).toEqual([othersAnnotation, ownAnnotation].sort());
    } finally {
      await db.presence.deleteMany({ where: { connectionId: { in: ["c-linking-1", "c-linking-2"] } } });
    }
  });
});

describe("reviewers and owners", () => {
  it.each([
    ["reviewer", () => reviewer],
    ["owner", () => owner],
  ])("always see everyone's (%s)", async (_label, who) => {
    const seen = await whatTheySee(who());
    expect(seen.list).toHaveLength(3);
    expect(seen.acrossArticles).toHaveLength(3);
    expect(seen.threads).toEqual([othersAnnotation]);
    expect(seen.thread).toBe(200);
    expect(seen.panjshirMentionsHere).toBe(1);
    expect(seen.networkEdges).toBe(1);
    expect(seen.passages).toBe(1);
  });
});

type Frame = { event: string; data: { type?: string; data?: Record<string, unknown> } };

async function connect(user: TestUser) {
  const abort = new AbortController();
  const res = await callRoute({
    file: R.events,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    search: `?articleId=${articleId}`,
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const frames: Frame[] = [];
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
        const frame: Frame = { event: "message", data: {} };
        for (const line of block.split("\n")) {
          const [key, ...rest] = line.split(": ");
          if (key === "event") frame.event = rest.join(": ");
          if (key === "data") frame.data = JSON.parse(rest.join(": "));
        }
        frames.push(frame);
      }
    }
  })();
  const waitFor = async (predicate: (frames: Frame[]) => boolean, timeoutMs = 8000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate(frames)) {
      if (Date.now() > until) throw new Error(`timed out; frames: ${JSON.stringify(frames).slice(0, 800)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor((f) => f.some((x) => x.event === "hello"));
  return { frames, close: () => abort.abort(), waitFor };
}

const annotationEvents = (frames: Frame[]) =>
  frames
    .filter((f) => f.event === "annotation.changed")
    .flatMap((f) => (f.data.data as { annotationIds: string[] }).annotationIds);

describe("the live stream of a blind analyst", () => {
  it("carries their own annotations' events but none about others'", async () => {
    const [blindStream, reviewerStream] = await Promise.all([connect(blind), connect(reviewer)]);
    try {
      const { id: revisionId, text } = await currentRevision(articleId);
      const create = async (user: TestUser, word: string) => {
        const start = text.indexOf(word);
        const res = await call(
          user,
          R.annotations,
          { articleId },
          {
            method: "POST",
            json: { revisionId, start, end: start + word.length, exact: word },
          },
        );
        expect(res.status).toBe(201);
        return (await res.json()).data.id as string;
      };
      const theirs = await create(other, "Kabul");
      const commentRes = await call(
        other,
        R.comments,
        { annotationId: othersAnnotation },
        {
          method: "POST",
          json: { body: commentBody("Live comment") },
        },
      );
      expect(commentRes.status).toBe(201);
      const mine = await create(blind, "Amrullah Saleh");
      await reviewerStream.waitFor((f) => annotationEvents(f).includes(mine));
      await blindStream.waitFor((f) => annotationEvents(f).includes(mine));
      expect(annotationEvents(reviewerStream.frames)).toEqual(expect.arrayContaining([theirs, mine]));
      expect(reviewerStream.frames.some((f) => f.event === "comment.changed")).toBe(true);
      expect(annotationEvents(blindStream.frames)).toEqual([mine]);
      expect(blindStream.frames.some((f) => f.event === "comment.changed")).toBe(false);
      expect(JSON.stringify(blindStream.frames)).not.toContain(theirs);
      expect(JSON.stringify(blindStream.frames)).not.toContain(othersAnnotation);

      // Submitted: from the next event on, everyone's reach them.
      const submitted = await call(blind, R.submit, { assignmentId }, { method: "POST" });
      expect(submitted.status).toBe(200);
      await blindStream.waitFor((f) => f.some((x) => x.event === "assignment.changed"));
      const after = await create(other, "They");
      await blindStream.waitFor((f) => annotationEvents(f).includes(after));
    } finally {
      blindStream.close();
      reviewerStream.close();
      await db.assignment.update({ where: { id: assignmentId }, data: { submittedAt: null } });
      await db.annotation.updateMany({
        where: { articleId, exact: { in: ["Kabul", "They", "Amrullah Saleh"] } },
        data: { deletedAt: new Date() },
      });
      await db.comment.deleteMany({ where: { annotationId: othersAnnotation, text: "Live comment" } });
      await db.notification.deleteMany({ where: { recipientId: blind.id, id: { not: `n-${othersComment}` } } });
    }
  });
});

describe("the live stream of a blind analyst, for notifications", () => {
  it("leaves out a mention in a thread they cannot see, and carries one in their own", async () => {
    const mention = (user: TestUser) => ({ type: "mention", attrs: { id: user.id, label: user.name } });
    const doc = (text: string, user: TestUser) => ({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text }, mention(user)] }],
    });
    const comment = async (annotationId: string, text: string) => {
      const res = await call(other, R.comments, { annotationId }, { method: "POST", json: { body: doc(text, blind) } });
      expect(res.status).toBe(201);
      return (await res.json()).data.id as string;
    };
    const stream = await connect(blind);
    const posted: string[] = [];
    try {
      posted.push(await comment(othersAnnotation, "Hidden thread, asking "));
      posted.push(await comment(ownAnnotation, "Your own thread, asking "));
      const [hidden, shown] = await Promise.all(
        posted.map(
          async (commentId) =>
            (await db.notification.findFirstOrThrow({ where: { commentId, recipientId: blind.id } })).id,
        ),
      );
      const notified = (frames: Frame[]) =>
        frames
          .filter((f) => f.event === "notification.created")
          .map((f) => (f.data.data as { notificationId: string }).notificationId);
      // Events are screened in order: once the second is in, the first was decided.
      await stream.waitFor((f) => notified(f).includes(shown));
      expect(notified(stream.frames)).toEqual([shown]);
      expect(JSON.stringify(stream.frames)).not.toContain(hidden);
    } finally {
      stream.close();
      await db.notification.deleteMany({ where: { commentId: { in: posted } } });
      await db.comment.deleteMany({ where: { id: { in: posted } } });
    }
  });
});

describe("search by a blind analyst", () => {
  type Found = {
    data: { kind: string; id: string; annotationId?: string }[];
    facets: { kind: Record<string, number>; entity: { id: string; count: number }[]; author: { id: string }[] };
  };
  const find = async (user: TestUser, q: string) =>
    (await json(user, R.search, {}, `?q=${encodeURIComponent(q)}&limit=100`)) as unknown as Found;

  it("finds none of the others' annotations or their threads there, not even in facet counts", async () => {
    const panjshirs = await find(blind, "Panjshir kind:annotation");
    expect(panjshirs.data.map((r) => r.id)).toEqual([freeOthersAnnotation]);
    expect(panjshirs.facets.kind).toEqual({ annotation: 1 });
    expect((await find(blind, "valley")).facets.kind).toEqual({});
    const massouds = await find(blind, "Ahmad Massoud");
    expect(massouds.data.filter((r) => r.kind === "annotation").map((r) => r.id)).toEqual([ownAnnotation]);
    expect(massouds.facets.entity).toEqual([expect.objectContaining({ id: massoud, count: 2 })]);
    expect(massouds.facets.author.map((a) => a.id)).toEqual([blind.id]);
    const suggest = await json(blind, R.suggest, {}, "?q=Panjshir");
    const annotations = (suggest.data as { kind: string; id: string }[]).filter((d) => d.kind === "annotation");
    expect(annotations.map((a) => a.id)).toEqual([freeOthersAnnotation]);
  });

  it("while reviewers find everyone's", async () => {
    const panjshirs = await find(reviewer, "Panjshir kind:annotation");
    expect(panjshirs.data.map((r) => r.id).sort()).toEqual([othersAnnotation, freeOthersAnnotation].sort());
    expect((await find(reviewer, "valley")).data.map((r) => r.id)).toEqual([othersComment]);
    const massouds = await find(reviewer, "Ahmad Massoud");
    expect(massouds.facets.entity).toEqual([expect.objectContaining({ id: massoud, count: 3 })]);
  });
});

describe("after submitting", () => {
  it("the analyst sees everyone's, and is blind again when a reviewer reopens the work", async () => {
    const submit = await call(blind, R.submit, { assignmentId }, { method: "POST" });
    expect(submit.status).toBe(200);
    expect((await submit.json()).data.submittedAt).toEqual(expect.any(String));

    const seen = await whatTheySee(blind);
    expect(seen.list).toHaveLength(3);
    expect(seen.reader).toHaveLength(3);
    expect(seen.byIds).toEqual([othersAnnotation]);
    expect(seen.acrossArticles).toHaveLength(3);
    expect(seen.threads).toEqual([othersAnnotation]);
    expect(seen.thread).toBe(200);
    expect(seen.history).toBe(200);
    expect(seen.panjshirMentionsHere).toBe(1);
    expect(seen.networkEdges).toBe(1);
    expect(seen.passages).toBe(1);
    expect(seen.notifications).toEqual([othersAnnotation]);

    // An analyst cannot reopen their own work; a reviewer can.
    expect((await call(blind, R.submit, { assignmentId }, { method: "DELETE" })).status).toBe(403);
    const reopen = await call(reviewer, R.submit, { assignmentId }, { method: "DELETE" });
    expect(reopen.status).toBe(200);
    expect((await whatTheySee(blind)).list).toEqual([ownAnnotation]);
  });
});
