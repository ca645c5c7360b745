import { beforeAll, describe, expect, it } from "vitest";
import { agreementReport, agreementReportToCsv } from "@/lib/agreement";
import { db } from "@/lib/db";
import { CURATION_REJECTION_REASON } from "@/lib/curation/curation-plan";
import { callRoute } from "@/test/call-route";
import {
  makeAnnotation,
  makeArticle,
  makeAssignment,
  makeEntity,
  makeUser,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

const agreementRoute = "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts";
const curationRoute = "api/workspaces/[workspaceId]/articles/[articleId]/curation/route.ts";

const TEXT = "Ahmad Massoud met Amrullah Saleh in Dushanbe.\n\nThe Taliban entered Kabul; Panjshir held out.";

let owner: TestUser;
let reviewer: TestUser;
let ana: TestUser;
let ben: TestUser;
let workspaceId: string;
let person: string;
let place: string;
let org: string;

beforeAll(async () => {
  [owner, reviewer, ana, ben] = await Promise.all(
    ["Olga Owner", "Rui Reviewer", "Ana Analyst", "Ben Analyst"].map((name) => makeUser({ name })),
  );
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: reviewer, role: "REVIEWER" },
    { user: ana, role: "ANALYST" },
    { user: ben, role: "ANALYST" },
  ]);
  [person, place, org] = await Promise.all([
    makeEntity(workspaceId, { name: "Ahmad Massoud", type: "Person" }),
    makeEntity(workspaceId, { name: "Dushanbe", type: "Place" }),
    makeEntity(workspaceId, { name: "Taliban", type: "Organisation" }),
  ]);
});

const at = (quote: string) => TEXT.indexOf(quote);
const tag = (articleId: string, author: TestUser, quote: string, entityId?: string) =>
  makeAnnotation(workspaceId, articleId, author.id, { start: at(quote), length: quote.length, entityId });

/** An article where Ana and Ben agree on one span, differ on the rest. */
async function studyArticle() {
  const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
  const ids = {
    anaMassoud: await tag(articleId, ana, "Ahmad Massoud", person),
    benMassoud: await tag(articleId, ben, "Ahmad Massoud", person),
    anaDushanbe: await tag(articleId, ana, "Dushanbe", place), // same span, different entity
    benDushanbe: await tag(articleId, ben, "Dushanbe", org),
    anaTaliban: await tag(articleId, ana, "The Taliban", org), // overlapping spans
    benTaliban: await tag(articleId, ben, "Taliban", org),
    benPanjshir: await tag(articleId, ben, "Panjshir", place), // only in Ben
  };
  return { articleId, ids };
}

async function getAgreement(user: TestUser, articleId: string, search = "", ws = workspaceId) {
  return callRoute({
    file: agreementRoute,
    method: "GET",
    params: { workspaceId: ws, articleId },
    cookie: await sessionCookie(user),
    search,
  });
}

async function apply(user: TestUser, articleId: string, items: unknown[], ws = workspaceId) {
  return callRoute({
    file: curationRoute,
    method: "POST",
    params: { workspaceId: ws, articleId },
    cookie: await sessionCookie(user),
    json: { items },
  });
}

describe("the agreement of an article", () => {
  it("computes the lib's figures from the stored annotations, labelled by entity type", async () => {
    const { articleId } = await studyArticle();
    const res = await getAgreement(reviewer, articleId);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.analysts.map((a: { name: string }) => a.name)).toEqual(["Ana Analyst", "Ben Analyst"]);
    expect(data.analysts.map((a: { annotations: number }) => a.annotations)).toEqual([3, 4]);
    const expected = agreementReport(
      TEXT,
      [
        {
          annotator: ana.id,
          spans: [
            { start: at("Ahmad Massoud"), end: at("Ahmad Massoud") + 13, label: "Person" },
            { start: at("Dushanbe"), end: at("Dushanbe") + 8, label: "Place" },
            { start: at("The Taliban"), end: at("The Taliban") + 11, label: "Organisation" },
          ],
        },
        {
          annotator: ben.id,
          spans: [
            { start: at("Ahmad Massoud"), end: at("Ahmad Massoud") + 13, label: "Person" },
            { start: at("Dushanbe"), end: at("Dushanbe") + 8, label: "Organisation" },
            { start: at("Taliban"), end: at("Taliban") + 7, label: "Organisation" },
            { start: at("Panjshir"), end: at("Panjshir") + 8, label: "Place" },
          ],
        },
      ],
      { units: "all" },
    );
    expect(data.report).toEqual(JSON.parse(JSON.stringify(expected)));
    // Spot checks against hand counts: one exact match of 3 and 4 spans; overlap adds the Taliban pair.
    expect(data.report.spans.exact.cells[0][1].overall).toMatchObject({ matched: 1, onlyA: 2, onlyB: 3 });
    expect(data.report.spans.overlap.cells[0][1].overall).toMatchObject({ matched: 2, onlyA: 1, onlyB: 2 });

    const annotated = await (await getAgreement(reviewer, articleId, "?units=annotated")).json();
    expect(annotated.data.units).toBe("annotated");
    expect(annotated.data.report.tokens.units).toBeLessThan(data.report.tokens.units);
  });

  it("downloads the figures as CSV with the analysts' names", async () => {
    const { articleId } = await studyArticle();
    const json = (await (await getAgreement(reviewer, articleId)).json()).data;
    const res = await getAgreement(reviewer, articleId, "?format=csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="agreement-article-[\w-]+-rev1\.csv"$/,
    );
    const csv = await res.text();
    expect(csv).toBe(agreementReportToCsv({ ...json.report, annotators: ["Ana Analyst", "Ben Analyst"] }));
    expect(csv.split("\r\n")[1]).toMatch(/^span,f1_exact,overall,,Ana Analyst,Ben Analyst,/);
  });

  it("compares the analysts asked for, also one who annotated nothing; unknown ids are ignored", async () => {
    const { articleId } = await studyArticle();
    const carl = await makeUser({ name: "Carl Analyst" });
    await db.membership.create({ data: { id: `m-${carl.id}`, workspaceId, userId: carl.id, role: "ANALYST" } });
    const res = await getAgreement(reviewer, articleId, `?analyst=${ana.id}&analyst=${carl.id}&analyst=nobody`);
    const { data } = await res.json();
    expect(data.analysts).toEqual([
      { id: carl.id, name: "Carl Analyst", annotations: 0 },
      { id: ana.id, name: "Ana Analyst", annotations: 3 },
    ]);
    expect(data.report.spans.exact.cells[0][1].overall).toMatchObject({ matched: 0, onlyA: 0, onlyB: 3, f1: 0 });
  });

  it("counts an analyst who submitted an assignment of the article with no annotation (they found nothing)", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    await tag(articleId, ana, "Kabul", place);
    const dora = await makeUser({ name: "Dora Analyst" });
    await db.membership.create({ data: { id: `m-${dora.id}`, workspaceId, userId: dora.id, role: "ANALYST" } });
    await makeAssignment(workspaceId, articleId, dora.id, owner.id, { submitted: false });
    const before = (await (await getAgreement(reviewer, articleId)).json()).data;
    expect(before.report).toBeNull();
    await db.assignment.updateMany({ where: { articleId, assigneeId: dora.id }, data: { submittedAt: new Date() } });
    const after = (await (await getAgreement(reviewer, articleId)).json()).data;
    expect(after.analysts.map((a: { name: string }) => a.name)).toEqual(["Dora Analyst", "Ana Analyst"]);
    expect(after.report.spans.exact.cells[1][0].overall).toMatchObject({ matched: 0, onlyA: 1, onlyB: 0, f1: 0 });
  });

  it("has no report without two analysts: no annotations, or one annotator", async () => {
    const empty = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const none = (await (await getAgreement(reviewer, empty)).json()).data;
    expect(none).toMatchObject({ annotators: [], analysts: [], report: null });
    await tag(empty, ana, "Kabul", place);
    const one = (await (await getAgreement(owner, empty)).json()).data;
    expect(one.analysts.map((a: { id: string }) => a.id)).toEqual([ana.id]);
    expect(one.report).toBeNull();
    const csv = await (await getAgreement(owner, empty, "?format=csv")).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("leaves out deleted and orphaned annotations", async () => {
    const { articleId, ids } = await studyArticle();
    await db.annotation.update({ where: { id: ids.benPanjshir }, data: { deletedAt: new Date() } });
    await db.annotation.update({ where: { id: ids.anaTaliban }, data: { anchorState: "ORPHANED" } });
    const { data } = await (await getAgreement(reviewer, articleId)).json();
    expect(data.analysts.map((a: { annotations: number }) => a.annotations)).toEqual([2, 3]);
  });

  it("is for reviewers and owners: 403 for analysts, 404 for another workspace or article, 422 for bad input", async () => {
    const { articleId } = await studyArticle();
    expect((await getAgreement(ana, articleId)).status).toBe(403);
    const outsider = await makeUser();
    const elsewhere = await makeWorkspace([{ user: outsider, role: "OWNER" }]);
    expect((await getAgreement(outsider, articleId, "", elsewhere)).status).toBe(404);
    expect((await getAgreement(reviewer, "no-such-article")).status).toBe(404);
    expect((await getAgreement(reviewer, articleId, "?units=some")).status).toBe(422);
  });
});

describe("applying a curation", () => {
  it("accepts the picks and rejects the rest in one go: reason in the thread, notifications, events", async () => {
    const { articleId, ids } = await studyArticle();
    const res = await apply(reviewer, articleId, [
      { id: ids.anaMassoud, version: 1, decision: "ACCEPTED" },
      { id: ids.benMassoud, version: 1, decision: "ACCEPTED" },
      { id: ids.anaDushanbe, version: 1, decision: "ACCEPTED" },
      { id: ids.benDushanbe, version: 1, decision: "REJECTED" },
    ]);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ accepted: 3, rejected: 1, unchanged: 0 });
    expect(data.annotations).toEqual([
      { id: ids.anaMassoud, status: "ACCEPTED", version: 2 },
      { id: ids.benMassoud, status: "ACCEPTED", version: 2 },
      { id: ids.anaDushanbe, status: "ACCEPTED", version: 2 },
      { id: ids.benDushanbe, status: "REJECTED", version: 2 },
    ]);
    const rejected = await db.annotation.findUniqueOrThrow({ where: { id: ids.benDushanbe } });
    expect(rejected).toMatchObject({ rejectionReason: CURATION_REJECTION_REASON, reviewedById: reviewer.id });
    const comment = await db.comment.findFirstOrThrow({ where: { annotationId: ids.benDushanbe } });
    expect(comment.text).toBe(`Rejected: ${CURATION_REJECTION_REASON}`);
    const notes = await db.notification.findMany({
      where: { annotationId: { in: Object.values(ids) }, kind: "REVIEW" },
      select: { recipientId: true, annotationId: true, commentId: true },
    });
    expect(notes).toHaveLength(4);
    expect(notes.find((n) => n.annotationId === ids.benDushanbe)).toMatchObject({
      recipientId: ben.id,
      commentId: comment.id,
    });
    const reviewed = await db.activityEvent.findMany({
      where: { action: "annotation.reviewed", targetId: { in: Object.values(ids) } },
    });
    expect(reviewed).toHaveLength(4);
    expect(reviewed.every((e) => (e.data as { curated?: boolean }).curated === true)).toBe(true);
    expect(
      await db.activityEvent.findFirst({ where: { action: "article.curated", targetId: articleId } }),
    ).toMatchObject({
      actorId: reviewer.id,
      data: expect.objectContaining({ accepted: 3, rejected: 1 }),
    });
    const live = await db.liveEvent.findFirstOrThrow({ where: { articleId, type: "annotation.changed" } });
    expect((live.data as { annotationIds: string[] }).annotationIds).toHaveLength(4);
    // Untouched: undecided differences.
    expect((await db.annotation.findUniqueOrThrow({ where: { id: ids.benPanjshir } })).status).toBe("PROPOSED");
  });

  it("checks but does not rewrite annotations already in the status asked for", async () => {
    const { articleId, ids } = await studyArticle();
    await apply(owner, articleId, [{ id: ids.benPanjshir, version: 1, decision: "ACCEPTED" }]);
    const res = await apply(owner, articleId, [
      { id: ids.benPanjshir, version: 2, decision: "ACCEPTED" },
      { id: ids.anaTaliban, version: 1, decision: "REJECTED" },
    ]);
    expect((await res.json()).data).toMatchObject({ accepted: 0, rejected: 1, unchanged: 1 });
    expect((await db.annotation.findUniqueOrThrow({ where: { id: ids.benPanjshir } })).version).toBe(2);
    expect(await db.notification.count({ where: { annotationId: ids.benPanjshir } })).toBe(1);
  });

  it("answers 409 when an annotation changed meanwhile, and writes nothing", async () => {
    const { articleId, ids } = await studyArticle();
    // Someone edits Ben's Dushanbe after the reviewer loaded the curation.
    await db.annotation.update({ where: { id: ids.benDushanbe }, data: { entityId: place, version: 2 } });
    const res = await apply(reviewer, articleId, [
      { id: ids.anaMassoud, version: 1, decision: "ACCEPTED" },
      { id: ids.anaDushanbe, version: 1, decision: "ACCEPTED" },
      { id: ids.benDushanbe, version: 1, decision: "REJECTED" },
    ]);
    expect(res.status).toBe(409);
    expect((await res.json()).error.details.current).toEqual([{ id: ids.benDushanbe, version: 2 }]);
    const rows = await db.annotation.findMany({ where: { id: { in: Object.values(ids) } }, select: { status: true } });
    expect(rows.every((r) => r.status === "PROPOSED")).toBe(true);
    expect(await db.comment.count({ where: { articleId } })).toBe(0);
    expect(await db.notification.count({ where: { articleId } })).toBe(0);
    expect(await db.activityEvent.count({ where: { targetId: articleId, action: "article.curated" } })).toBe(0);
  });

  it("is all or none across one article: an annotation of another article or a deleted one is a 404", async () => {
    const first = await studyArticle();
    const second = await studyArticle();
    const res = await apply(reviewer, first.articleId, [
      { id: first.ids.anaMassoud, version: 1, decision: "ACCEPTED" },
      { id: second.ids.anaMassoud, version: 1, decision: "ACCEPTED" },
    ]);
    expect(res.status).toBe(404);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: first.ids.anaMassoud } })).status).toBe("PROPOSED");
    await db.annotation.update({ where: { id: first.ids.benMassoud }, data: { deletedAt: new Date() } });
    expect(
      (await apply(reviewer, first.articleId, [{ id: first.ids.benMassoud, version: 1, decision: "ACCEPTED" }])).status,
    ).toBe(404);
  });

  it("keeps a reviewer's own annotations for someone else unless self-review is allowed", async () => {
    const articleId = await makeArticle(workspaceId, owner.id, { text: TEXT });
    const own = await tag(articleId, reviewer, "Kabul", place);
    const res = await apply(reviewer, articleId, [{ id: own, version: 1, decision: "ACCEPTED" }]);
    expect(res.status).toBe(403);
    expect((await apply(owner, articleId, [{ id: own, version: 1, decision: "ACCEPTED" }])).status).toBe(200);
  });

  it("is for reviewers and owners: 403 for analysts, 404 in another workspace, 422 for bad input", async () => {
    const { articleId, ids } = await studyArticle();
    const items = [{ id: ids.anaMassoud, version: 1, decision: "ACCEPTED" }];
    const refused = await apply(ana, articleId, items);
    expect(refused.status).toBe(403);
    // A reviewer elsewhere learns nothing about this workspace.
    const stranger = await makeUser();
    const elsewhere = await makeWorkspace([{ user: stranger, role: "REVIEWER" }]);
    expect((await apply(stranger, articleId, items, elsewhere)).status).toBe(404);
    expect((await apply(stranger, articleId, items)).status).toBe(404);
    expect((await apply(reviewer, articleId, [])).status).toBe(422);
    expect((await apply(reviewer, articleId, [{ ...items[0], decision: "PROPOSED" }])).status).toBe(422);
    expect((await apply(reviewer, articleId, [items[0], items[0]])).status).toBe(422);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: ids.anaMassoud } })).status).toBe("PROPOSED");
  });

  it("lists the analysts' annotations for curation", async () => {
    const { articleId, ids } = await studyArticle();
    const res = await callRoute({
      file: curationRoute,
      method: "GET",
      params: { workspaceId, articleId },
      cookie: await sessionCookie(owner),
      search: `?analyst=${ben.id}`,
    });
    const { data } = await res.json();
    expect(data.analysts.map((a: { id: string }) => a.id)).toEqual([ben.id]);
    expect(data.annotations.map((a: { id: string }) => a.id).sort()).toEqual(
      [ids.benMassoud, ids.benDushanbe, ids.benTaliban, ids.benPanjshir].sort(),
    );
    expect(data.article.text).toBe(TEXT);
  });
});
