// The blind-annotation rule's builders agree with each other, and the rule
// itself (findAnnotationVisibility) follows roles and assignment state.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  canSeeAnnotation,
  findAnnotationVisibility,
  isBlind,
  visibleAnnotationIds,
  visibleAnnotationsSql,
  visibleAnnotationsWhere,
} from "@/lib/server/assignments/visible-authors";
import { Prisma } from "@/lib/generated/prisma/client";
import { makeAnnotation, makeArticle, makeAssignment, makeUser, makeWorkspace, type TestUser } from "@/test/factories";

let owner: TestUser;
let analyst: TestUser;
let other: TestUser;
let workspaceId: string;
let blindArticle: string;
let openArticle: string;
let annotations: { id: string; authorId: string; articleId: string }[];

beforeAll(async () => {
  [owner, analyst, other] = await Promise.all(["O", "A", "B"].map((name) => makeUser({ name })));
  workspaceId = await makeWorkspace([
    { user: owner, role: "OWNER" },
    { user: analyst, role: "ANALYST" },
    { user: other, role: "ANALYST" },
  ]);
  [blindArticle, openArticle] = await Promise.all([
    makeArticle(workspaceId, owner.id),
    makeArticle(workspaceId, owner.id),
  ]);
  await makeAssignment(workspaceId, blindArticle, analyst.id, owner.id, { blind: true });
  // Submitted, removed and non-blind assignments do not blind.
  const submittedOn = await makeArticle(workspaceId, owner.id);
  await makeAssignment(workspaceId, submittedOn, analyst.id, owner.id, { blind: true, submitted: true });
  await makeAssignment(workspaceId, openArticle, analyst.id, owner.id, { blind: false });
  const removedOn = await makeArticle(workspaceId, owner.id);
  const removed = await makeAssignment(workspaceId, removedOn, analyst.id, owner.id, { blind: true });
  await db.assignment.update({ where: { id: removed }, data: { deletedAt: new Date() } });
  annotations = [];
  for (const articleId of [blindArticle, openArticle])
    for (const author of [analyst, other])
      annotations.push({ id: await makeAnnotation(workspaceId, articleId, author.id), authorId: author.id, articleId });
});

describe("findAnnotationVisibility", () => {
  it("blinds an analyst only on articles with a live, blind, unsubmitted assignment", async () => {
    const v = await findAnnotationVisibility({ workspaceId, viewer: { id: analyst.id, role: "ANALYST" } });
    expect(v.blindArticleIds).toEqual([blindArticle]);
    expect(isBlind(v, blindArticle)).toBe(true);
    expect(isBlind(v, openArticle)).toBe(false);
  });
  it("never blinds reviewers or owners, even if assigned", async () => {
    const v = await findAnnotationVisibility({ workspaceId, viewer: { id: analyst.id, role: "REVIEWER" } });
    expect(v.blindArticleIds).toEqual([]);
  });
});

describe("the three builders", () => {
  it("select the same annotations: Prisma where, SQL and in-memory", async () => {
    const v = await findAnnotationVisibility({ workspaceId, viewer: { id: analyst.id, role: "ANALYST" } });
    const all = annotations.map((a) => a.id);
    const expected = annotations
      .filter((a) => canSeeAnnotation(v, a))
      .map((a) => a.id)
      .sort();
    expect(expected).toHaveLength(3);
    const viaWhere = await db.annotation.findMany({
      where: { id: { in: all }, ...visibleAnnotationsWhere(v) },
      select: { id: true },
    });
    const viaSql = await db.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM "Annotation" a WHERE a.id IN (${Prisma.join(all)}) AND ${visibleAnnotationsSql(v)}`;
    const viaIds = await visibleAnnotationIds(v, null, all);
    expect(viaWhere.map((r) => r.id).sort()).toEqual(expected);
    expect(viaSql.map((r) => r.id).sort()).toEqual(expected);
    expect([...viaIds].sort()).toEqual(expected);
  });
});
