// Seeds the demo workspace: an owner, a reviewer, two analysts, three short
// original articles, a catalog of entities and the analysts' annotation work
// on them (blind assignments, reviews, a comment thread, an open assignment),
// all through the app's own server functions. `--if-empty` seeds only a
// database without users.
// Run with the react-server condition so server-only modules load outside Next.js.
import { demoArticles } from "@/prisma/seed/demo-articles";
import { demoEntities, demoWork, type DemoAnalyst } from "@/prisma/seed/demo-annotations";
import { DEMO_PASSWORD, demoUsers } from "@/prisma/seed/demo-users";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { createInvitation } from "@/lib/server/invitations/create-invitation";
import { importArticle } from "@/lib/server/articles/import-article";
import { createUser } from "@/lib/server/users/create-user";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { createEntity } from "@/lib/server/entities/save-entity";
import { createAnnotations } from "@/lib/server/annotations/create-annotation";
import { createAssignments, setAssignmentSubmitted } from "@/lib/server/assignments/save-assignments";
import { reviewAnnotations } from "@/lib/server/reviews/review-annotations";
import { createRelation } from "@/lib/server/relations/create-relation";
import { decideRelations } from "@/lib/server/relations/review-relations";
import { createComment } from "@/lib/server/comments/create-comment";
import { createWriteAccess } from "@/lib/auth/write-access";
import { createSession } from "@/lib/server/sessions/create-session";
import { endSession } from "@/lib/server/sessions/end-session";
import type { Role } from "@/lib/generated/prisma/enums";

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  if (ifEmpty && (await db.user.count()) > 0) {
    console.log("Demo data: the database already has users; not seeding.");
    return;
  }
  const users = [];
  for (const u of demoUsers) {
    users.push({ ...u, ...(await createUser({ name: u.name, email: u.email, password: DEMO_PASSWORD })) });
  }
  const owner = users[0];
  const workspace = await createWorkspace({ userId: owner.id, name: "Demo newsroom" });
  // Teammates join the way real ones do: through invitation links.
  for (const u of users.slice(1)) {
    const { token } = await createInvitation({
      workspaceId: workspace.id,
      actorId: owner.id,
      role: u.role,
      expiresInDays: 1,
    });
    await acceptInvitation({ token, userId: u.id });
  }
  const articles = [];
  for (const [i, article] of demoArticles.entries()) {
    const { text, ...metadata } = article;
    const imported = await importArticle({
      workspaceId: workspace.id,
      actorId: users[i % 2 === 0 ? 2 : 3].id,
      metadata: { ...metadata, title: metadata.title },
      upload: { text, format: "text" },
    });
    articles.push(imported);
  }
  await seedAnnotationWork({ workspaceId: workspace.id, users, articleIds: articles.map((a) => a.id) });
  // A read-write API token of the first analyst, so that the README's curl example works at once.
  const analyst = users.find((u) => u.role === "ANALYST") ?? owner;
  const { token } = await createApiToken({
    workspaceId: workspace.id,
    actorId: analyst.id,
    input: { name: "Demo token", scope: "READ_WRITE" },
  });
  console.log("Demo data created. Sign in at /signin with any of these (password for all: %s):", DEMO_PASSWORD);
  for (const u of users) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
  console.log(
    "Demo API token of %s (read-write, shown only now; revoke it under Account → API tokens):",
    analyst.email,
  );
  console.log(`  ${token}`);
}

type DemoUser = { id: string; name: string; email: string; role: Role };

/** Today plus `days`, as the YYYY-MM-DD an assignment's due date takes. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The offset of the n-th occurrence of `quote` in `text`; throws when there is none (a demo text changed). */
function findQuote(text: string, quote: string, occurrence: number): number {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`Demo data: “${quote}” (occurrence ${occurrence}) is not in the article.`);
  }
  return at;
}

/** A comment body as the editor sends it: paragraphs of text, `@email` turned into a mention of that user. */
function commentBody(text: string, users: DemoUser[]) {
  type Node = { type: string; text?: string; attrs?: { id: string; label: string } };
  const content = text.split(/(@\S+@\S+\.local)/).flatMap((part): Node[] => {
    const user = part.startsWith("@") ? users.find((u) => `@${u.email}` === part) : undefined;
    if (user) return [{ type: "mention", attrs: { id: user.id, label: user.name } }];
    return part ? [{ type: "text", text: part }] : [];
  });
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

/**
 * The catalog and the annotation work of demo-annotations.ts: entities; blind
 * assignments both analysts have annotated and submitted; annotations the
 * reviewer accepted or rejected; a comment thread; an open assignment.
 */
async function seedAnnotationWork(options: { workspaceId: string; users: DemoUser[]; articleIds: string[] }) {
  const { workspaceId, users, articleIds } = options;
  const byRole = (role: Role) => users.find((u) => u.role === role)!;
  const owner = byRole("OWNER");
  const reviewer = byRole("REVIEWER");
  const [analyst, analyst2] = users.filter((u) => u.role === "ANALYST");
  const analysts: Record<DemoAnalyst, DemoUser> = { analyst, analyst2 };

  const types = await db.entityType.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  const entityIds = new Map<string, string>();
  for (const e of demoEntities) {
    const typeId = types.find((t) => t.name === e.type)?.id;
    if (!typeId) throw new Error(`Demo data: the workspace has no entity type “${e.type}”.`);
    const entity = await createEntity({
      workspaceId,
      actorId: owner.id,
      input: { name: e.name, typeId, aliases: e.aliases, description: e.description },
    });
    entityIds.set(e.key, entity.id);
  }

  // The analysts' annotations are written the way the API writes them, through a session of theirs
  // that lasts as long as the seed (ended below).
  const seedSessions = new Map<string, { sub: string; sv: number; sid: string }>();
  for (const user of await db.user.findMany({
    where: { id: { in: users.map((u) => u.id) } },
    select: { id: true, sessionVersion: true },
  })) {
    const sid = await createSession({ userId: user.id, maxAgeSeconds: 3600 });
    seedSessions.set(user.id, { sub: user.id, sv: user.sessionVersion, sid });
  }
  // The first analyst's unfinished work: assigned before they started on it.
  const openWork = demoWork[demoWork.length - 1];
  await createAssignments({
    workspaceId,
    actor: reviewer,
    input: { articleId: articleIds[openWork.article], assigneeIds: [analyst.id], dueAt: dayFromNow(7), blind: false },
  });

  const annotationIds = new Map<string, { id: string; version: number }>();
  for (const work of demoWork) {
    const articleId = articleIds[work.article];
    const assignments = work.blindFor?.length
      ? await createAssignments({
          workspaceId,
          actor: reviewer,
          input: {
            articleId,
            assigneeIds: work.blindFor.map((a) => analysts[a].id),
            dueAt: dayFromNow(-2),
            blind: true,
          },
        })
      : [];
    const revision = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { currentRevision: { select: { id: true, text: true } } },
    });
    const { id: revisionId, text } = revision.currentRevision!;
    for (const author of ["analyst", "analyst2"] as const) {
      const own = work.annotations.filter((a) => a.author === author);
      if (!own.length) continue;
      const user = analysts[author];
      const created = await createAnnotations({
        workspaceId,
        articleId,
        access: createWriteAccess(seedSessions.get(user.id)!, workspaceId, "annotation.create"),
        inputs: own.map((a) => {
          const start = findQuote(text, a.quote, a.occurrence ?? 0);
          return {
            revisionId,
            start,
            end: start + a.quote.length,
            exact: a.quote,
            entityId: a.entity ? entityIds.get(a.entity)! : null,
            note: a.note ?? null,
          };
        }),
      });
      own.forEach((a, i) => {
        if (a.key) annotationIds.set(a.key, { id: created[i].id, version: created[i].version });
      });
    }
    for (const assignment of assignments) {
      const assignee = users.find((u) => u.id === assignment.assignee.id)!;
      await setAssignmentSubmitted({ workspaceId, actor: assignee, assignmentId: assignment.id, submitted: true });
    }
    if (work.accept?.length) {
      await reviewAnnotations({
        workspaceId,
        actor: reviewer,
        items: work.accept.map((key) => annotationIds.get(key)!),
        decision: "ACCEPTED",
      });
    }
    for (const { key, reason } of work.reject ?? []) {
      await reviewAnnotations({
        workspaceId,
        actor: reviewer,
        items: [annotationIds.get(key)!],
        decision: "REJECTED",
        reason,
      });
    }
    if (work.relations?.length) {
      const relationTypes = await db.relationType.findMany({
        where: { workspaceId },
        select: { id: true, name: true },
      });
      const accepted: { id: string; version: number; decision: "ACCEPTED" }[] = [];
      for (const r of work.relations) {
        const typeId = relationTypes.find((t) => t.name === r.type)?.id;
        if (!typeId) throw new Error(`Demo data: the workspace has no relation type “${r.type}”.`);
        const author = work.annotations.find((a) => a.key === r.source)!.author;
        const relation = await createRelation({
          workspaceId,
          articleId,
          actor: { id: analysts[author].id, role: "ANALYST" },
          input: {
            sourceId: annotationIds.get(r.source)!.id,
            targetId: annotationIds.get(r.target)!.id,
            typeId,
            note: r.note ?? null,
          },
        });
        if (r.accept) accepted.push({ id: relation.id, version: relation.version, decision: "ACCEPTED" as const });
      }
      if (accepted.length) {
        await db.$transaction((tx) =>
          decideRelations(tx, {
            workspaceId,
            articleId,
            actor: { id: reviewer.id, role: "REVIEWER" },
            items: accepted,
          }),
        );
      }
    }
  }
  for (const claims of seedSessions.values()) await endSession({ userId: claims.sub, sessionId: claims.sid });

  // A short thread: the analyst asks, the reviewer answers and mentions them.
  const thread = annotationIds.get("lindqvist")!.id;
  await createComment({
    workspaceId,
    thread: { annotationId: thread },
    actorId: analyst.id,
    viewer: analyst,
    body: commentBody(
      "Lindqvist is due to give evidence in December. Should the hearing get an entity of its own?",
      users,
    ),
  });
  await createComment({
    workspaceId,
    thread: { annotationId: thread },
    actorId: reviewer.id,
    viewer: reviewer,
    body: commentBody(
      `Yes, once it is scheduled. Until then keep her tagged here, @${analyst.email} — the Marr quote can wait too.`,
      users,
    ),
  });
}

main()
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error(err);
    await db.$disconnect().catch(() => undefined);
    process.exit(1);
  });
