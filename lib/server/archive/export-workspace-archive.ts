import "server-only";
import type { Readable } from "node:stream";
import { db } from "@/lib/db";
import { zipStream } from "@/lib/export/zip";
import type { ExportFile } from "@/lib/export/types";
import { AppError } from "@/lib/errors";
import type { ImportProgress } from "@/lib/validations/annotation-import";
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
  type ArchiveRelation,
  type ArchiveRelationType,
  type ArchiveRevision,
  type ArchiveSavedSearch,
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
      UNION SELECT "authorId" FROM "Relation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "reviewedById" FROM "Relation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "threadResolvedById" FROM "Relation" WHERE "workspaceId" = ${workspaceId}
      UNION SELECT "userId" FROM "SavedSearch" WHERE "workspaceId" = ${workspaceId}
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
        version: t.version,
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
        version: e.version,
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
        canonicalUrl: a.canonicalUrl,
        capturedAt: iso(a.capturedAt),
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
        pages: (r.pages as ArchiveRevision["pages"]) ?? null,
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
    name: "relation-types.jsonl",
    content: lines(
      (after, take) =>
        db.relationType.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (t): ArchiveRelationType => ({
        id: t.id,
        name: t.name,
        inverseLabel: t.inverseLabel,
        directed: t.directed,
        sourceTypeIds: t.sourceTypeIds,
        targetTypeIds: t.targetTypeIds,
        color: t.color,
        shortcut: t.shortcut,
        position: t.position,
        archivedAt: iso(t.archivedAt),
        version: t.version,
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
      }),
    ),
  };
  yield {
    name: "relations.jsonl",
    content: lines(
      (after, take) => db.relation.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (r): ArchiveRelation => ({
        id: r.id,
        articleId: r.articleId,
        sourceId: r.sourceId,
        targetId: r.targetId,
        typeId: r.typeId,
        authorId: r.authorId,
        note: r.note,
        status: r.status,
        reviewedAt: iso(r.reviewedAt),
        reviewedById: r.reviewedById,
        rejectionReason: r.rejectionReason,
        version: r.version,
        deletedWithId: r.deletedWithId,
        threadResolvedAt: iso(r.threadResolvedAt),
        threadResolvedById: r.threadResolvedById,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        deletedAt: iso(r.deletedAt),
      }),
      2000,
    ),
  };
  yield {
    name: "comments.jsonl",
    content: lines(
      (after, take) =>
        db.comment.findMany({
          where: { ...where, ...afterId(after) },
          orderBy: { id: "asc" },
          take,
          include: { revisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
        }),
      (c): ArchiveComment => ({
        id: c.id,
        annotationId: c.annotationId,
        relationId: c.relationId,
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
    name: "saved-searches.jsonl",
    content: lines(
      (after, take) =>
        db.savedSearch.findMany({ where: { ...where, ...afterId(after) }, orderBy: { id: "asc" }, take }),
      (s): ArchiveSavedSearch => ({
        id: s.id,
        userId: s.userId,
        name: s.name,
        query: s.query,
        lastOpenedAt: s.lastOpenedAt.toISOString(),
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        deletedAt: iso(s.deletedAt),
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

function lineEnds(chunk: string | Uint8Array): number {
  let count = 0;
  if (typeof chunk === "string") {
    for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) count++;
  } else {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) count++;
  }
  return count;
}

/** How many rows each file of the workspace's archive will hold (its name without `.jsonl`). */
async function rowCounts(workspaceId: string): Promise<Record<string, number>> {
  const [counts] = await db.$queryRaw<Record<string, number>[]>`
    SELECT
      (SELECT count(*) FROM "EntityType" WHERE "workspaceId" = ${workspaceId})::int AS "entity-types",
      (SELECT count(*) FROM "Entity" WHERE "workspaceId" = ${workspaceId})::int AS "entities",
      (SELECT count(*) FROM "Article" WHERE "workspaceId" = ${workspaceId})::int AS "articles",
      (SELECT count(*) FROM "ArticleRevision" WHERE "workspaceId" = ${workspaceId})::int AS "revisions",
      (SELECT count(*) FROM "Annotation" WHERE "workspaceId" = ${workspaceId})::int AS "annotations",
      (SELECT count(*) FROM "RelationType" WHERE "workspaceId" = ${workspaceId})::int AS "relation-types",
      (SELECT count(*) FROM "Relation" WHERE "workspaceId" = ${workspaceId})::int AS "relations",
      (SELECT count(*) FROM "Comment" WHERE "workspaceId" = ${workspaceId})::int AS "comments",
      (SELECT count(*) FROM "Assignment" WHERE "workspaceId" = ${workspaceId})::int AS "assignments",
      (SELECT count(*) FROM "SavedSearch" WHERE "workspaceId" = ${workspaceId})::int AS "saved-searches",
      (SELECT count(*) FROM "ActivityEvent" WHERE "workspaceId" = ${workspaceId})::int AS "activity"`;
  return { users: (await archiveUsers(workspaceId)).length, ...counts };
}

/**
 * The archive's files, telling `onProgress` after each page of rows how many
 * are written of how many (counted first; rows added meanwhile can make a
 * file's count pass its total, so it is capped), then `done` with the rows
 * the archive really holds, or `failed` when the download stops short.
 */
async function* reportingProgress(
  workspaceId: string,
  source: AsyncGenerator<ExportFile>,
  onProgress: (progress: ImportProgress) => void,
): AsyncGenerator<ExportFile> {
  onProgress({ phase: "reading", done: 0, total: 0 });
  const totals = await rowCounts(workspaceId);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  let before = 0;
  let finished = false;
  try {
    for await (const file of source) {
      const kind = file.name.replace(/\.jsonl$/, "");
      const kindTotal = totals[kind];
      if (kindTotal === undefined) {
        yield file;
        continue;
      }
      const content = file.content;
      let done = 0;
      const report = () =>
        onProgress({
          phase: "exporting",
          done: Math.min(before + done, total),
          total,
          current: { kind, done: Math.min(done, kindTotal), total: kindTotal },
        });
      yield {
        ...file,
        content: (async function* () {
          report();
          for await (const chunk of content) {
            // One JSON line per row, and JSON.stringify escapes the line ends inside values.
            done += lineEnds(chunk);
            yield chunk;
            report();
          }
        })(),
      };
      // The file's content has been read by now (the zip asks for the next file only then).
      before += done;
    }
    finished = true;
    // The rows the archive holds, which rows written meanwhile can make more than were counted.
    onProgress({ phase: "done", done: before, total: before });
  } finally {
    if (!finished) onProgress({ phase: "failed", done: before, total });
  }
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
  /** Told how far the download has got (see `reportingProgress`). */
  onProgress?: (progress: ImportProgress) => void;
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
  const source = files(options.workspaceId, manifest);
  const reported = options.onProgress ? reportingProgress(options.workspaceId, source, options.onProgress) : source;
  return { name: workspace.name, body: zipStream(reported, { mtime: exportedAt }) };
}
