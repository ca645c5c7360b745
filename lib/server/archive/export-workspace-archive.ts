import "server-only";
import type { Readable } from "node:stream";
import { db } from "@/lib/db";
import { zipStream } from "@/lib/export/zip";
import type { ExportFile } from "@/lib/export/types";
import { AppError } from "@/lib/errors";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveActivity,
  type ArchiveAnnotation,
  type ArchiveArticle,
  type ArchiveAssignment,
  type ArchiveComment,
  type ArchiveEntity,
  type ArchiveEntityType,
  type ArchiveManifest,
  type ArchiveRevision,
  type ArchiveUser,
} from "@/lib/validations/workspace-archive";

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const isoDay = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Reads a table of the workspace a page at a time in id order (keyset
 * paging: each page is one indexed query whatever the offset) and yields one
 * JSON line per row, so memory holds one page.
 */
async function* lines<R extends { id: string }, L>(
  page: (after: string | undefined, take: number) => Promise<R[]>,
  toLine: (row: R) => L,
  take = 1000,
): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const rows = await page(after, take);
    if (rows.length === 0) return;
    yield rows.map((row) => `${JSON.stringify(toLine(row))}\n`).join("");
    if (rows.length < take) return;
    after = rows[rows.length - 1].id;
  }
}

const afterId = (after: string | undefined) => (after ? { id: { gt: after } } : {});

async function* single(value: unknown): AsyncGenerator<string> {
  yield `${JSON.stringify(value, null, 2)}\n`;
}

type UserRow = { id: string; email: string; name: string; role: ArchiveUser["role"]; memberSince: Date | null };

/** Members and everyone else a row of the workspace names (former members who wrote, reviewed, acted). */
async function archiveUsers(workspaceId: string): Promise<ArchiveUser[]> {
  const rows = await db.$queryRaw<UserRow[]>`
    WITH named AS (
      SELECT "userId" AS id FROM "Membership" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "importedById" FROM "Article" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "authorId" FROM "ArticleRevision" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "authorId" FROM "Annotation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "reviewedById" FROM "Annotation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "threadResolvedById" FROM "Annotation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "authorId" FROM "Comment" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "hiddenById" FROM "Comment" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "assigneeId" FROM "Assignment" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "assignedById" FROM "Assignment" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "actorId" FROM "ActivityEvent" WHERE "workspaceId" = ${workspaceId}
    )
    SELECT u."id", u."email", u."name", m."role"::text AS "role", m."createdAt" AS "memberSince"
      FROM "User" u
      JOIN named n ON n.id = u."id"
      LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."workspaceId" = ${workspaceId}
     ORDER BY u."id"`;
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, memberSince: iso(r.memberSince) }));
}

async function* files(workspaceId: string, manifest: ArchiveManifest): AsyncGenerator<ExportFile> {
  const where = { workspaceId };
  yield { name: "manifest.json", content: single(manifest) };
  yield {
    name: "users.jsonl",
    content: (async function* () {
      for (const user of await archiveUsers(workspaceId)) yield `${JSON.stringify(user)}\n`;
    })(),
  };
  yield {
    name: "entity-types.jsonl",
    content: lines(
      (after, take) => db.entityType.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (t): ArchiveEntityType => ({
        id: t.id,
        name: t.name,
        color: t.color,
        shortcut: t.shortcut,
        position: t.position,
        archivedAt: iso(t.archivedAt),
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
      }),
    ),
  };
  yield {
    name: "entities.jsonl",
    content: lines(
      (after, take) => db.entity.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (e): ArchiveEntity => ({
        id: e.id,
        typeId: e.typeId,
        name: e.name,
        aliases: e.aliases,
        description: e.description,
        externalId: e.externalId,
        mergedIntoId: e.mergedIntoId,
        createdAt: e.createdAt.toISOString(),
        updatedAt: e.updatedAt.toISOString(),
        deletedAt: iso(e.deletedAt),
      }),
    ),
  };
  yield {
    name: "articles.jsonl",
    content: lines(
      (after, take) => db.article.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (a): ArchiveArticle => ({
        id: a.id,
        title: a.title,
        source: a.source,
        authors: a.authors,
        publishedAt: isoDay(a.publishedAt),
        originalUrl: a.originalUrl,
        language: a.language,
        importedById: a.importedById,
        currentRevisionId: a.currentRevisionId,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        deletedAt: iso(a.deletedAt),
      }),
    ),
  };
  yield {
    name: "revisions.jsonl",
    content: lines(
      (after, take) =>
        db.articleRevision.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (r): ArchiveRevision => ({
        id: r.id,
        articleId: r.articleId,
        number: r.number,
        content: r.content as ArchiveRevision["content"],
        text: r.text,
        authorId: r.authorId,
        createdAt: r.createdAt.toISOString(),
      }),
      // Article bodies are large: fewer per page.
      50,
    ),
  };
  yield {
    name: "annotations.jsonl",
    content: lines(
      (after, take) => db.annotation.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (a): ArchiveAnnotation => ({
        id: a.id,
        articleId: a.articleId,
        revisionId: a.revisionId,
        authorId: a.authorId,
        start: a.start,
        end: a.end,
        exact: a.exact,
        prefix: a.prefix,
        suffix: a.suffix,
        entityId: a.entityId,
        note: a.note,
        status: a.status,
        anchorState: a.anchorState,
        reviewedAt: iso(a.reviewedAt),
        reviewedById: a.reviewedById,
        rejectionReason: a.rejectionReason,
        threadResolvedAt: iso(a.threadResolvedAt),
        threadResolvedById: a.threadResolvedById,
        version: a.version,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        deletedAt: iso(a.deletedAt),
      }),
      2000,
    ),
  };
  yield {
    name: "comments.jsonl",
    content: lines(
      (after, take) =>
        // Relations are not in the archive (yet), so neither are their threads.
        db.comment.findMany({
          where: { ...where, annotationId: { not: null }, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          include: { revisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
        }),
      (c): ArchiveComment => ({
        id: c.id,
        annotationId: c.annotationId!,
        authorId: c.authorId,
        body: c.body as ArchiveComment["body"],
        text: c.text,
        version: c.version,
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        editedAt: iso(c.editedAt),
        deletedAt: iso(c.deletedAt),
        hiddenAt: iso(c.hiddenAt),
        hiddenById: c.hiddenById,
        history: c.revisions.map((r) => ({
          body: r.body as ArchiveComment["body"],
          text: r.text,
          createdAt: r.createdAt.toISOString(),
        })),
      }),
    ),
  };
  yield {
    name: "assignments.jsonl",
    content: lines(
      (after, take) => db.assignment.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (a): ArchiveAssignment => ({
        id: a.id,
        articleId: a.articleId,
        assigneeId: a.assigneeId,
        assignedById: a.assignedById,
        dueAt: isoDay(a.dueAt),
        blind: a.blind,
        submittedAt: iso(a.submittedAt),
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        deletedAt: iso(a.deletedAt),
      }),
    ),
  };
  yield {
    name: "activity.jsonl",
    content: lines(
      (after, take) =>
        db.activityEvent.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (e): ArchiveActivity => ({
        id: e.id,
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        data: e.data ?? null,
        createdAt: e.createdAt.toISOString(),
      }),
    ),
  };
}

/**
 * The whole workspace as one archive (see lib/validations/workspace-archive):
 * a zip of JSON Lines streamed a page of rows at a time, so memory stays flat
 * whatever the workspace's size. Deleted, merged and archived rows are
 * included (nothing is lost); API tokens, invitations, notifications and
 * live-update state are not (secrets and per-installation state).
 */
export async function exportWorkspaceArchive(options: {
  workspaceId: string;
}): Promise<{ name: string; body: Readable }> {
  const workspace = await db.workspace.findFirst({
    where: { id: options.workspaceId, deletedAt: null },
    select: { name: true, selfReviewAllowed: true, createdAt: true },
  });
  if (!workspace) throw new AppError("NOT_FOUND", "Workspace not found.");
  const exportedAt = new Date();
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: exportedAt.toISOString(),
    workspace: {
      name: workspace.name,
      selfReviewAllowed: workspace.selfReviewAllowed,
      createdAt: workspace.createdAt.toISOString(),
    },
  };
  return { name: workspace.name, body: zipStream(files(options.workspaceId, manifest), { mtime: exportedAt }) };
}
