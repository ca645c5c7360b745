import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/enums";
import { contentFromPlainText } from "@/lib/content/plain-text";
import { canonicalText } from "@/lib/anchoring/canonical-text";
import type { Prisma } from "@/lib/generated/prisma/client";

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
    token: { sub: user.id, sv: user.sessionVersion },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}
