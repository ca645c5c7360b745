// Generated from lib/auth/permissions.ts: for every permission, every role, a
// non-member and an anonymous caller, the API answers as the table says.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { allPermissions, can, permissions, roles, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { callRoute } from "@/test/call-route";
import {
  currentRevision,
  entityTypeId,
  makeAnnotation,
  commentBody,
  makeArticle,
  makeAssignment,
  makeComment,
  makeEntity,
  makeRelation,
  makeUser,
  relationTypeId,
  makeWorkspace,
  sessionCookie,
  type TestUser,
} from "@/test/factories";

type World = { workspaceId: string; users: Record<Role, TestUser>; target: TestUser };

/** The current version of an entity type or relation type (each allowed PATCH bumps it). */
async function versionOf(model: "entityType" | "relationType", id: string): Promise<number> {
  const where = { where: { id }, select: { version: true } };
  const row =
    model === "entityType"
      ? await db.entityType.findUniqueOrThrow(where)
      : await db.relationType.findUniqueOrThrow(where);
  return row.version;
}

type Probe = {
  method: string;
  file: string;
  /** Creates what this one call needs (the caller is null when anonymous) and returns the route params. */
  params: (world: World, caller: TestUser | null) => Promise<Record<string, string>>;
  json?: Record<string, unknown> | ((world: World, params: Record<string, string>) => Promise<unknown>);
  /** The query string, "?" included. */
  search?: string;
  /** The status of an allowed call. */
  ok: number;
};

const ws = (world: World) => Promise.resolve({ workspaceId: world.workspaceId });

async function freshMember(world: World): Promise<string> {
  const user = await makeUser();
  await db.membership.create({
    data: { id: newId(), workspaceId: world.workspaceId, userId: user.id, role: "ANALYST" },
  });
  return user.id;
}

/** A saved search of the caller's (of the owner's for an anonymous caller). */
async function savedSearch(world: World, caller: TestUser | null): Promise<string> {
  const id = newId();
  await db.savedSearch.create({
    data: {
      id,
      workspaceId: world.workspaceId,
      userId: (caller ?? world.users.OWNER).id,
      name: id,
      query: "paragraph",
    },
  });
  return id;
}

async function freshInvitation(world: World): Promise<string> {
  const id = newId();
  await db.invitation.create({
    data: {
      id,
      workspaceId: world.workspaceId,
      tokenHash: newId(),
      role: "ANALYST",
      createdById: world.users.OWNER.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return id;
}

/** One or more API calls per permission. The Record type makes a missing permission a type error. */
const probes: Record<Permission, Probe[]> = {
  "workspace.read": [{ method: "GET", file: "api/workspaces/[workspaceId]/route.ts", params: ws, ok: 200 }],
  "workspace.update": [
    { method: "PATCH", file: "api/workspaces/[workspaceId]/route.ts", params: ws, json: { name: "Renamed" }, ok: 200 },
  ],
  "workspace.archive": [
    { method: "GET", file: "api/workspaces/[workspaceId]/archive/route.ts", params: ws, ok: 200 },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/archive/progress/route.ts",
      params: ws,
      search: "?key=no-such-download",
      ok: 200,
    },
  ],
  "member.list": [{ method: "GET", file: "api/workspaces/[workspaceId]/members/route.ts", params: ws, ok: 200 }],
  "member.manage": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/members/[userId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, userId: w.target.id }),
      json: { role: "ANALYST" },
      ok: 200,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/members/[userId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, userId: await freshMember(w) }),
      ok: 204,
    },
  ],
  "invitation.manage": [
    { method: "GET", file: "api/workspaces/[workspaceId]/invitations/route.ts", params: ws, ok: 200 },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/invitations/route.ts",
      params: ws,
      json: { role: "VIEWER" },
      ok: 201,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/invitations/[invitationId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, invitationId: await freshInvitation(w) }),
      ok: 204,
    },
  ],
  "article.list": [{ method: "GET", file: "api/workspaces/[workspaceId]/articles/route.ts", params: ws, ok: 200 }],
  "article.read": [
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
        number: "1",
      }),
      ok: 200,
    },
  ],
  "article.import": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/route.ts",
      params: ws,
      json: { title: "Imported", text: "First paragraph.\n\nSecond paragraph." },
      ok: 201,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/clip/route.ts",
      params: ws,
      // The page as the extension sends it: nothing is fetched.
      json: {
        url: "https://news.example/probe",
        html: "<html><body><article><p>A captured paragraph.</p></article></body></html>",
        mode: "new",
      },
      ok: 201,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/check-updates/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: await capturedArticle(w) }),
      ok: 200,
    },
  ],
  "article.delete": [
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 204,
    },
  ],
  "article.restore": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/restore/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id, { deleted: true }),
      }),
      ok: 200,
    },
  ],
  "activity.read": [{ method: "GET", file: "api/workspaces/[workspaceId]/activity/route.ts", params: ws, ok: 200 }],
  "activity.export": [
    { method: "GET", file: "api/workspaces/[workspaceId]/activity/export/route.ts", params: ws, ok: 200 },
  ],
  "article.revise": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/revisions/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      json: async (_w, params) => ({
        baseRevisionId: (await currentRevision(params.articleId)).id,
        content: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "A revised text." }] }],
        },
      }),
      ok: 201,
    },
  ],
  "annotation.list": [
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 200,
    },
  ],
  "annotation.create": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      json: async (_w, params) => {
        const revision = await currentRevision(params.articleId);
        return { revisionId: revision.id, start: 0, end: 7, exact: revision.text.slice(0, 7) };
      },
      ok: 201,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/search/tag/route.ts",
      params: ws,
      json: { q: "paragraph", entityId: "none", preview: true },
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/search/tag/undo/route.ts",
      params: ws,
      json: { ids: ["none"] },
      ok: 200,
    },
  ],
  "annotation.import": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      json: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        target: { source: "urn:x", selector: { type: "TextQuoteSelector", exact: "A first paragraph" } },
      },
      ok: 201,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/annotations/import/progress/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      search: "?key=no-such-import",
      ok: 200,
    },
  ],
  "annotation.update": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, caller) }),
      json: { version: 1, note: "Checked against the source." },
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/entity/route.ts",
      // The annotation id travels in the body; the extra param is ignored by the route.
      params: async (w, caller) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, caller) }),
      json: (_w, params) => Promise.resolve({ items: [{ id: params.annotationId, version: 1, entityId: null }] }),
      ok: 200,
    },
  ],
  "annotation.delete": [
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, caller) }),
      ok: 204,
    },
  ],
  "annotation.restore": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/restore/route.ts",
      params: async (w, caller) => ({
        workspaceId: w.workspaceId,
        annotationId: await ownAnnotation(w, caller, { deleted: true }),
      }),
      ok: 200,
    },
  ],
  "annotation.manageAny": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, w.target)).id }),
      json: { version: 1, note: "Reviewed." },
      ok: 200,
    },
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, w.target) }),
      json: { version: 1, note: "Reviewed." },
      ok: 200,
    },
  ],
  "annotation.export": [
    { method: "GET", file: "api/workspaces/[workspaceId]/export/route.ts", params: ws, ok: 200 },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/search/export/route.ts",
      params: ws,
      search: "?q=paragraph&format=csv",
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/export/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 200,
    },
  ],
  "relation.list": [
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/relations/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: (await ownRelation(w, null)).articleId }),
      ok: 200,
    },
  ],
  "relation.create": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/relations/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      json: async (w, params) => ({
        sourceId: await makeAnnotation(w.workspaceId, params.articleId, w.users.OWNER.id, { start: 0 }),
        targetId: await makeAnnotation(w.workspaceId, params.articleId, w.users.OWNER.id, { start: 10 }),
        typeId: await relationTypeId(w.workspaceId),
      }),
      ok: 201,
    },
  ],
  "relation.update": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, caller)).id }),
      json: { version: 1, note: "As the second paragraph says." },
      ok: 200,
    },
  ],
  "relation.delete": [
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, caller)).id }),
      ok: 204,
    },
  ],
  "relation.restore": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/restore/route.ts",
      params: async (w, caller) => ({
        workspaceId: w.workspaceId,
        relationId: (await ownRelation(w, caller, { deleted: true })).id,
      }),
      ok: 200,
    },
  ],
  "relationType.list": [
    { method: "GET", file: "api/workspaces/[workspaceId]/relation-types/route.ts", params: ws, ok: 200 },
  ],
  "relationType.manage": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/relation-types/route.ts",
      params: ws,
      json: async () => ({ name: `funds ${newId().slice(0, 6)}`, color: "#336699" }),
      ok: 201,
    },
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/relation-types/[typeId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, typeId: await relationTypeId(w.workspaceId) }),
      json: async (_w, { typeId }) => ({ version: await versionOf("relationType", typeId), color: "#aa44cc" }),
      ok: 200,
    },
  ],
  "entityType.list": [
    { method: "GET", file: "api/workspaces/[workspaceId]/entity-types/route.ts", params: ws, ok: 200 },
  ],
  "entityType.manage": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/entity-types/route.ts",
      params: ws,
      json: async () => ({ name: `Vessel ${newId().slice(0, 6)}`, color: "#336699" }),
      ok: 201,
    },
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/entity-types/[typeId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, typeId: await entityTypeId(w.workspaceId, "Event") }),
      json: async (_w, { typeId }) => ({ version: await versionOf("entityType", typeId), color: "#aa44cc" }),
      ok: 200,
    },
  ],
  "entity.list": [
    { method: "GET", file: "api/workspaces/[workspaceId]/entities/route.ts", params: ws, ok: 200 },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/entities/[entityId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, entityId: await makeEntity(w.workspaceId) }),
      ok: 200,
    },
  ],
  "entity.create": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/entities/route.ts",
      params: ws,
      json: async (w) => ({ name: "Ahmad Massoud", typeId: await entityTypeId(w.workspaceId) }),
      ok: 201,
    },
  ],
  "entity.update": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/entities/[entityId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, entityId: await makeEntity(w.workspaceId) }),
      json: { version: 1, aliases: ["Massoud"] },
      ok: 200,
    },
  ],
  "entity.merge": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/entities/[entityId]/merge/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, entityId: await makeEntity(w.workspaceId) }),
      json: async (w) => ({ intoId: await makeEntity(w.workspaceId) }),
      ok: 200,
    },
  ],
  "annotation.review": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/review/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, annotationId: await analystAnnotation(w) }),
      json: { version: 1, decision: "ACCEPTED" },
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/review/route.ts",
      params: ws,
      json: async (w) => ({ items: [{ id: await analystAnnotation(w), version: 1 }], decision: "ACCEPTED" }),
      ok: 200,
    },
    { method: "GET", file: "api/workspaces/[workspaceId]/review-queue/route.ts", params: ws, ok: 200 },
    { method: "GET", file: "api/workspaces/[workspaceId]/relation-review-queue/route.ts", params: ws, ok: 200 },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/review/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, w.users.ANALYST)).id }),
      json: { version: 1, decision: "ACCEPTED" },
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/agreement/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: await analystArticle(w) }),
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/curation/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: await analystArticle(w) }),
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/curation/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: await analystArticle(w) }),
      json: async (_w, params) => {
        const annotation = await db.annotation.findFirstOrThrow({ where: { articleId: params.articleId } });
        return { items: [{ id: annotation.id, version: 1, decision: "ACCEPTED" }] };
      },
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/relation-curation/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, articleId: await analystArticle(w) }),
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/relation-curation/route.ts",
      params: async (w) => {
        const { id, articleId } = await ownRelation(w, w.users.ANALYST);
        return { workspaceId: w.workspaceId, articleId, relationId: id };
      },
      json: async (_w, params) => ({ items: [{ id: params.relationId, version: 1, decision: "ACCEPTED" }] }),
      ok: 200,
    },
  ],
  "comment.list": [
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, null) }),
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/comments/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, null)).id }),
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/threads/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 200,
    },
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/comments/[commentId]/history/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        commentId: (await makeComment(w.workspaceId, w.users.OWNER.id)).commentId,
      }),
      ok: 200,
    },
  ],
  "comment.create": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/comments/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, null) }),
      json: { body: commentBody("Is this the same Massoud?") },
      ok: 201,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/comments/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, null)).id }),
      json: { body: commentBody("Does he lead it, or only speak for it?") },
      ok: 201,
    },
  ],
  "comment.update": [
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/comments/[commentId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, commentId: await ownComment(w, caller) }),
      json: { version: 1, body: commentBody("Edited: checked against the source.") },
      ok: 200,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/comments/[commentId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, commentId: await ownComment(w, caller) }),
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/comments/[commentId]/restore/route.ts",
      params: async (w, caller) => ({
        workspaceId: w.workspaceId,
        commentId: await ownComment(w, caller, { deleted: true }),
      }),
      ok: 200,
    },
  ],
  "comment.hide": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/comments/[commentId]/hide/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        commentId: (await makeComment(w.workspaceId, w.users.ANALYST.id)).commentId,
      }),
      json: { hidden: true },
      ok: 200,
    },
  ],
  "thread.resolve": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/annotations/[annotationId]/thread/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, annotationId: await ownAnnotation(w, null) }),
      json: { resolved: true },
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/relations/[relationId]/thread/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, relationId: (await ownRelation(w, null)).id }),
      json: { resolved: true },
      ok: 200,
    },
  ],
  "notification.list": [
    { method: "GET", file: "api/workspaces/[workspaceId]/notifications/route.ts", params: ws, ok: 200 },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/notifications/read/route.ts",
      params: ws,
      json: { all: true },
      ok: 200,
    },
  ],
  // The event stream itself never ends, so test/api/live.test.ts checks its access; presence shares its permission.
  "live.subscribe": [
    {
      method: "GET",
      file: "api/workspaces/[workspaceId]/articles/[articleId]/presence/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
      }),
      ok: 200,
    },
  ],
  "assignment.list": [
    { method: "GET", file: "api/workspaces/[workspaceId]/assignments/route.ts", params: ws, ok: 200 },
  ],
  "assignment.manage": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/assignments/route.ts",
      params: ws,
      json: async (w) => ({
        articleId: await makeArticle(w.workspaceId, w.users.OWNER.id),
        assigneeIds: [await freshMember(w)],
        dueAt: "2026-12-24",
        blind: true,
      }),
      ok: 201,
    },
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, assignmentId: await analystAssignment(w, null) }),
      json: { blind: false, dueAt: null },
      ok: 200,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/route.ts",
      params: async (w) => ({ workspaceId: w.workspaceId, assignmentId: await analystAssignment(w, null) }),
      ok: 204,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/submit/route.ts",
      params: async (w) => ({
        workspaceId: w.workspaceId,
        assignmentId: await analystAssignment(w, null, { submitted: true }),
      }),
      ok: 200,
    },
  ],
  "assignment.submit": [
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/assignments/[assignmentId]/submit/route.ts",
      // The caller's own when they are an analyst; reviewers and owners may submit for an analyst.
      params: async (w, caller) => ({ workspaceId: w.workspaceId, assignmentId: await analystAssignment(w, caller) }),
      ok: 200,
    },
  ],
  "dashboard.read": [{ method: "GET", file: "api/workspaces/[workspaceId]/dashboard/route.ts", params: ws, ok: 200 }],
  "search.read": [
    { method: "GET", file: "api/workspaces/[workspaceId]/search/route.ts", params: ws, ok: 200 },
    { method: "GET", file: "api/workspaces/[workspaceId]/search/suggest/route.ts", params: ws, ok: 200 },
    { method: "GET", file: "api/workspaces/[workspaceId]/saved-searches/route.ts", params: ws, ok: 200 },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/saved-searches/route.ts",
      params: ws,
      json: () => Promise.resolve({ name: `Probe ${newId()}`, query: "paragraph" }),
      ok: 201,
    },
    {
      method: "PATCH",
      file: "api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, savedSearchId: await savedSearch(w, caller) }),
      json: () => Promise.resolve({ name: `Renamed ${newId()}` }),
      ok: 200,
    },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/open/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, savedSearchId: await savedSearch(w, caller) }),
      ok: 200,
    },
    {
      method: "DELETE",
      file: "api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/route.ts",
      params: async (w, caller) => ({ workspaceId: w.workspaceId, savedSearchId: await savedSearch(w, caller) }),
      ok: 204,
    },
  ],
  "apiToken.manage": [
    { method: "GET", file: "api/workspaces/[workspaceId]/api-tokens/route.ts", params: ws, ok: 200 },
    {
      method: "POST",
      file: "api/workspaces/[workspaceId]/api-tokens/route.ts",
      params: ws,
      json: { name: "Probe", scope: "READ" },
      ok: 201,
    },
  ],
};

let captureServer: Promise<string> | undefined;

/**
 * An article captured from a page of a local server that this test process
 * serves, reached through the test-only allow list (CAPTURE_ALLOWED_HOSTS of
 * this process).
 */
async function capturedArticle(world: World): Promise<string> {
  captureServer ??= new Promise((resolve) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body><article><p>A captured paragraph.</p></article></body></html>");
    });
    server.unref();
    server.listen(0, "127.0.0.1", () => {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      process.env.CAPTURE_ALLOWED_HOSTS = host;
      resolve(`http://${host}/page`);
    });
  });
  const url = await captureServer;
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  await db.article.update({ where: { id: articleId }, data: { originalUrl: url, canonicalUrl: url } });
  return articleId;
}

/** An assignment of a new article: the caller's when they are an analyst, else the world's analyst's. */
async function analystAssignment(
  world: World,
  caller: TestUser | null,
  options: { submitted?: boolean } = {},
): Promise<string> {
  const assigneeId = caller && caller.id === world.users.ANALYST.id ? caller.id : world.users.ANALYST.id;
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  return makeAssignment(world.workspaceId, articleId, assigneeId, world.users.OWNER.id, {
    blind: true,
    submitted: options.submitted,
  });
}

/** An analyst's annotation: anyone with the review permission may decide on it (nobody reviews their own). */
/** An article with one annotation by the analyst; returns the article id. */
async function analystArticle(world: World): Promise<string> {
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  await makeAnnotation(world.workspaceId, articleId, world.users.ANALYST.id);
  return articleId;
}

async function analystAnnotation(world: World): Promise<string> {
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  return makeAnnotation(world.workspaceId, articleId, world.users.ANALYST.id);
}

/** A comment authored by the caller (or by the owner for anonymous callers). */
async function ownComment(world: World, caller: TestUser | null, options: { deleted?: boolean } = {}): Promise<string> {
  return (await makeComment(world.workspaceId, caller?.id ?? world.users.OWNER.id, options)).commentId;
}

/** A relation between two annotations, all authored by the caller (or by the owner for anonymous callers). */
async function ownRelation(
  world: World,
  caller: TestUser | null,
  options: { deleted?: boolean } = {},
): Promise<{ id: string; articleId: string }> {
  const authorId = caller?.id ?? world.users.OWNER.id;
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  const id = await makeRelation(world.workspaceId, articleId, authorId, options);
  return { id, articleId };
}

/** An annotation authored by the caller (or by the owner for anonymous callers). */
async function ownAnnotation(
  world: World,
  caller: TestUser | null,
  options: { deleted?: boolean } = {},
): Promise<string> {
  const authorId = caller?.id ?? world.users.OWNER.id;
  const articleId = await makeArticle(world.workspaceId, world.users.OWNER.id);
  return makeAnnotation(world.workspaceId, articleId, authorId, options);
}

type Caller = { label: string; role?: Role; kind: "member" | "non-member" | "anonymous" };
const callers: Caller[] = [
  ...roles.map((role) => ({ label: role, role, kind: "member" as const })),
  { label: "non-member", kind: "non-member" },
  { label: "anonymous", kind: "anonymous" },
];

let world: World;
let outsider: TestUser;

beforeAll(async () => {
  const users = Object.fromEntries(
    await Promise.all(roles.map(async (r) => [r, await makeUser({ name: r })])),
  ) as Record<Role, TestUser>;
  const target = await makeUser({ name: "Target" });
  const workspaceId = await makeWorkspace([
    ...roles.map((role) => ({ user: users[role], role })),
    { user: target, role: "ANALYST" },
  ]);
  world = { workspaceId, users, target };
  outsider = await makeUser({ name: "Outsider" });
  await makeWorkspace([{ user: outsider, role: "OWNER" }]);
});

describe("the permission table", () => {
  it("has a probe for every permission", () => {
    expect(Object.keys(probes).sort()).toEqual([...allPermissions].sort());
  });
  it("gives owners every permission", () => {
    for (const p of allPermissions) expect(permissions[p]).toContain("OWNER");
  });
});

describe.each(allPermissions)("%s", (permission) => {
  it.each(callers)("answers $label as the table says", async (caller) => {
    for (const probe of probes[permission]) {
      const user =
        caller.kind === "member" ? world.users[caller.role!] : caller.kind === "non-member" ? outsider : null;
      const params = await probe.params(world, user);
      const json = typeof probe.json === "function" ? await probe.json(world, params) : probe.json;
      const res = await callRoute({
        file: probe.file,
        method: probe.method,
        params,
        json,
        search: probe.search,
        cookie: user ? await sessionCookie(user) : undefined,
      });
      const expected =
        caller.kind === "anonymous"
          ? 401
          : caller.kind === "non-member"
            ? 404
            : can(caller.role!, permission)
              ? probe.ok
              : 403;
      expect(res.status, `${probe.method} ${probe.file} as ${caller.label}: ${await res.clone().text()}`).toBe(
        expected,
      );
      if (res.status >= 400) {
        const body = await res.json();
        expect(body.error.code).toBeTypeOf("string");
        expect(body.error.message).toBeTypeOf("string");
      }
    }
  });
});
