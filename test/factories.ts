import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/enums";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { canonicalText } from "@/lib/anchoring/canonical-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionClaims } from "@/lib/auth/session-token";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type TestUser = { id: string; email: string; name: string; sessionVersion: number };

/** A user with a unique email and no usable password (tests sign in with sessionCookie). */
export async function makeUser(
  overrides: { name?: string; email?: string; passwordHash?: string } = {},
): Promise<TestUser> {
  const id = newId();
  return db.user.create({
    data: {
      id,
      email: overrides.email ?? `user-${unique()}@test.marginalia.local`,
      name: overrides.name ?? `Test User ${id.slice(0, 5)}`,
      passwordHash: overrides.passwordHash ?? null,
    },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
}

/** A workspace whose members have the given roles; returns the workspace id. */
export async function makeWorkspace(
  members: { user: TestUser; role: Role }[],
  name = `Workspace ${unique()}`,
): Promise<string> {
  const id = newId();
  await db.workspace.create({ data: { id, name, createdById: members[0].user.id } });
  await db.membership.createMany({
    data: members.map((m) => ({ id: newId(), workspaceId: id, userId: m.user.id, role: m.role })),
  });
  return id;
}

/** An article of plain text in the workspace; returns its id. */
export async function makeArticle(
  workspaceId: string,
  importedById: string,
  options: { text?: string; deleted?: boolean } = {},
): Promise<string> {
  const content = contentFromPlainText(options.text ?? "A title\n\nA first paragraph.\n\nA second one.");
  const articleId = newId();
  const revisionId = newId();
  await db.article.create({
    data: { id: articleId, workspaceId, title: `Article ${unique()}`, authors: [], importedById },
  });
  await db.articleRevision.create({
    data: {
      id: revisionId,
      workspaceId,
      articleId,
      number: 1,
      content: content as Prisma.InputJsonValue,
      text: canonicalText(content),
      authorId: importedById,
    },
  });
  await db.article.update({
    where: { id: articleId },
    data: { currentRevisionId: revisionId, deletedAt: options.deleted ? new Date() : null },
  });
  return articleId;
}

/** A next-auth session cookie header for the user, as the browser would send it. */
export async function sessionCookie(user: { id: string; sessionVersion: number }): Promise<string> {
  const token = await encode({
    token: await sessionClaimsFor(user),
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

/** The claims of a new session of the user, as sign-in makes them (no session row when the user does not exist). */
export async function sessionClaimsFor(user: { id: string; sessionVersion: number }): Promise<SessionClaims> {
  const sid = newId();
  if (await db.user.findUnique({ where: { id: user.id }, select: { id: true } })) {
    await db.session.create({ data: { id: sid, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  }
  return { sub: user.id, sv: user.sessionVersion, sid };
}

/** The id of one of the workspace's entity types (creating the default "Person" when missing). */
export async function entityTypeId(workspaceId: string, name = "Person"): Promise<string> {
  const existing = await db.entityType.findFirst({ where: { workspaceId, name }, select: { id: true } });
  if (existing) return existing.id;
  return (
    await db.entityType.create({ data: { id: newId(), workspaceId, name, color: "#d94f4f" }, select: { id: true } })
  ).id;
}

/** An entity of the workspace; returns its id. */
export async function makeEntity(
  workspaceId: string,
  options: { name?: string; aliases?: string[]; type?: string } = {},
): Promise<string> {
  const typeId = await entityTypeId(workspaceId, options.type);
  const entity = await db.entity.create({
    data: {
      id: newId(),
      workspaceId,
      typeId,
      name: options.name ?? `Entity ${unique()}`,
      aliases: options.aliases ?? [],
    },
    select: { id: true },
  });
  return entity.id;
}

/** A highlight of `length` characters at `start` of the article's current text; returns its id. */
export async function makeAnnotation(
  workspaceId: string,
  articleId: string,
  authorId: string,
  options: { start?: number; length?: number; deleted?: boolean; entityId?: string } = {},
): Promise<string> {
  const article = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, text: true } } },
  });
  const revision = article.currentRevision!;
  const length = options.length ?? 7;
  // Without a given start, the first place this author has not highlighted yet: a test never leaves two
  // live annotations on one span by one author (the hidden-duplicate check of test/global-setup.ts).
  let start = options.start ?? 0;
  if (options.start === undefined && !options.deleted) {
    const taken = new Set(
      (
        await db.annotation.findMany({
          where: { articleId, authorId, deletedAt: null },
          select: { start: true, end: true },
        })
      ).map((a) => `${a.start}:${a.end}`),
    );
    while (
      start + 1 < revision.text.length &&
      taken.has(`${start}:${Math.min(revision.text.length, start + length)}`)
    ) {
      start++;
    }
  }
  const end = Math.min(revision.text.length, start + length);
  const annotation = await db.annotation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      revisionId: revision.id,
      authorId,
      start,
      end,
      exact: revision.text.slice(start, end),
      prefix: revision.text.slice(Math.max(0, start - 32), start),
      suffix: revision.text.slice(end, end + 32),
      entityId: options.entityId ?? null,
      deletedAt: options.deleted ? new Date() : null,
    },
    select: { id: true },
  });
  return annotation.id;
}

/** The current revision id and text of an article. */
export async function currentRevision(articleId: string): Promise<{ id: string; text: string }> {
  const article = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, text: true } } },
  });
  return article.currentRevision!;
}

/** A comment body with `text` as one paragraph. */
export function commentBody(text: string) {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

/** A comment by `authorId` on an annotation (a new annotation on a new article unless given). */
export async function makeComment(
  workspaceId: string,
  authorId: string,
  options: { annotationId?: string; text?: string; deleted?: boolean } = {},
): Promise<{ commentId: string; annotationId: string; articleId: string }> {
  let annotationId = options.annotationId;
  if (!annotationId) {
    const articleId = await makeArticle(workspaceId, authorId);
    annotationId = await makeAnnotation(workspaceId, articleId, authorId);
  }
  const annotation = await db.annotation.findUniqueOrThrow({
    where: { id: annotationId },
    select: { articleId: true },
  });
  const text = options.text ?? "A comment.";
  const comment = await db.comment.create({
    data: {
      id: newId(),
      workspaceId,
      articleId: annotation.articleId,
      annotationId,
      authorId,
      body: commentBody(text),
      text,
      deletedAt: options.deleted ? new Date() : null,
    },
  });
  return { commentId: comment.id, annotationId, articleId: annotation.articleId };
}

/** An assignment of the article to `assigneeId` (blind unless told); returns its id. */
export async function makeAssignment(
  workspaceId: string,
  articleId: string,
  assigneeId: string,
  assignedById: string,
  options: { blind?: boolean; submitted?: boolean; dueAt?: Date | null } = {},
): Promise<string> {
  const assignment = await db.assignment.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      assigneeId,
      assignedById,
      blind: options.blind ?? true,
      submittedAt: options.submitted ? new Date() : null,
      dueAt: options.dueAt ?? null,
    },
    select: { id: true },
  });
  return assignment.id;
}

/** The id of one of the workspace's relation types (creating an unconstrained one of that name when missing). */
export async function relationTypeId(workspaceId: string, name = "mentions"): Promise<string> {
  const existing = await db.relationType.findFirst({ where: { workspaceId, name }, select: { id: true } });
  if (existing) return existing.id;
  return (
    await db.relationType.create({
      data: { id: newId(), workspaceId, name, color: "#2f6fd4", sourceTypeIds: [], targetTypeIds: [] },
      select: { id: true },
    })
  ).id;
}

/** A relation between two new highlights of the article, all by `authorId`; returns the relation id. */
export async function makeRelation(
  workspaceId: string,
  articleId: string,
  authorId: string,
  options: { deleted?: boolean; typeName?: string } = {},
): Promise<string> {
  const sourceId = await makeAnnotation(workspaceId, articleId, authorId);
  const targetId = await makeAnnotation(workspaceId, articleId, authorId);
  const relation = await db.relation.create({
    data: {
      id: newId(),
      workspaceId,
      articleId,
      sourceId,
      targetId,
      typeId: await relationTypeId(workspaceId, options.typeName),
      authorId,
      deletedAt: options.deleted ? new Date() : null,
    },
    select: { id: true },
  });
  return relation.id;
}
