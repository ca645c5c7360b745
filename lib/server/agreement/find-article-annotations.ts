import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, preparedQuery } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { compareCodeUnits } from "@/lib/agreement";
import { UNTAGGED_LABEL, type ArticleAnnotation } from "@/lib/curation/article-spans";
import { notFound } from "@/lib/errors";

export type Annotator = { id: string; name: string; annotations: number };

export type ArticleAnnotations = {
  article: { id: string; title: string; revisionId: string; revisionNumber: number; text: string };
  /** Who can be compared, by name: first those with no annotation here (asked for, or submitted an assignment), then everyone with annotations. */
  annotators: Annotator[];
  /** The analysts asked for (known annotators, or contributors of the workspace), in `annotators` order. */
  analysts: Annotator[];
  annotations: ArticleAnnotation[];
};

/**
 * The live annotations on an article's current text (orphaned ones left out:
 * their offsets no longer point into it) with their authors, for agreement
 * and curation. `analystIds` picks whose to compare: by default everyone who
 * annotated and everyone who submitted an assignment of the article; a
 * contributor of the workspace with no annotation here may be named too (they
 * found nothing). Unknown ids are ignored. Throws 404 for an
 * article that is not in the workspace.
 */
export async function findArticleAnnotations(options: {
  workspaceId: string;
  articleId: string;
  analystIds?: readonly string[];
}): Promise<ArticleAnnotations> {
  const { workspaceId, articleId } = options;
  const article = await db.article.findFirst({
    where: { id: articleId, ...articleAccessWhere({ workspaceId }) },
    select: { id: true, title: true, currentRevision: { select: { id: true, number: true, text: true } } },
  });
  if (!article?.currentRevision) throw notFound("Article");
  const revision = article.currentRevision;
  const annotations = await db.annotation.findMany({
    where: { workspaceId, articleId, revisionId: revision.id, deletedAt: null, anchorState: { not: "ORPHANED" } },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: {
      id: true,
      authorId: true,
      start: true,
      end: true,
      exact: true,
      status: true,
      version: true,
      entity: { select: { id: true, name: true, type: { select: { id: true, name: true, color: true } } } },
    },
  });
  const counts = new Map<string, number>();
  for (const a of annotations) counts.set(a.authorId, (counts.get(a.authorId) ?? 0) + 1);
  const { annotators, analysts } = await findAnnotators({ ...options, counts });
  return {
    article: {
      id: article.id,
      title: article.title,
      revisionId: revision.id,
      revisionNumber: revision.number,
      text: revision.text,
    },
    annotators,
    analysts,
    annotations,
  };
}

/**
 * Who can be compared and who is (see `ArticleAnnotations`), from how many
 * annotations each author has on the article's current text.
 */
async function findAnnotators(options: {
  workspaceId: string;
  articleId: string;
  analystIds?: readonly string[];
  counts: ReadonlyMap<string, number>;
}): Promise<{ annotators: Annotator[]; analysts: Annotator[] }> {
  const { workspaceId, articleId, counts } = options;
  const asked = [...new Set(options.analystIds ?? [])];
  const [users, members, submitted] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true } }),
    asked.some((id) => !counts.has(id))
      ? db.membership.findMany({
          where: { workspaceId, userId: { in: asked.filter((id) => !counts.has(id)) }, role: { not: "VIEWER" } },
          select: { user: { select: { id: true, name: true } } },
        })
      : [],
    // Who submitted an assignment of this article without annotating anything found nothing: that counts too.
    db.assignment.findMany({
      where: {
        workspaceId,
        articleId,
        deletedAt: null,
        submittedAt: { not: null },
        assigneeId: { notIn: [...counts.keys()] },
      },
      select: { assignee: { select: { id: true, name: true } } },
    }),
  ]);
  const byName = (a: Annotator, b: Annotator) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id);
  const found = users.map((u) => ({ id: u.id, name: u.name, annotations: counts.get(u.id)! }));
  const none = new Map(
    [...submitted.map((s) => s.assignee), ...members.map((m) => m.user)].map((u) => [u.id, { ...u, annotations: 0 }]),
  );
  const all = [...none.values()].sort(byName).concat(found.sort(byName));
  const defaults = new Set([...found.map((u) => u.id), ...submitted.map((s) => s.assignee.id)]);
  const wanted = new Set(asked.length ? asked : defaults);
  return { annotators: all, analysts: all.filter((a) => wanted.has(a.id)) };
}

/**
 * The spans agreement compares, as columns of typed arrays that a worker
 * thread takes over without a copy: annotation k belongs to analyst
 * `annotator[k]` (an index into `analysts`), covers `start[k]`–`end[k]` and is
 * labelled `labels[label[k]]` (its entity type's name, or `UNTAGGED_LABEL`),
 * in reading order (start, end, id) as in `findArticleAnnotations`. Only the
 * analysts' annotations.
 */
export type AgreementColumns = {
  analysts: string[];
  labels: string[];
  annotator: Int32Array<ArrayBuffer>;
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
  label: Int32Array<ArrayBuffer>;
};

/**
 * `findArticleAnnotations` for agreement: the same article, annotators and
 * analysts, and of the annotations only what the figures need, read by one
 * prepared statement into typed arrays, with no object per annotation on the
 * request's thread (Prisma materializing 12,800 annotations with their
 * entities and types held the event loop for one long stretch). Throws 404
 * for an article that is not in the workspace.
 */
export async function findAgreementColumns(options: {
  workspaceId: string;
  articleId: string;
  analystIds?: readonly string[];
}): Promise<Omit<ArticleAnnotations, "annotations"> & { columns: AgreementColumns }> {
  const { workspaceId, articleId } = options;
  const article = await db.article.findFirst({
    where: { id: articleId, ...articleAccessWhere({ workspaceId }) },
    select: { id: true, title: true, currentRevision: { select: { id: true, number: true, text: true } } },
  });
  if (!article?.currentRevision) throw notFound("Article");
  const revision = article.currentRevision;
  // One row of four JSON arrays, in reading order, parsed natively in one call: a row per
  // annotation went through pg's protocol parser one by one (12,800 rows cost the request thread
  // 9–15 ms, the arrays 4 ms).
  const [spans] = await preparedQuery<{ author: string[]; start: number[]; end: number[]; type: (string | null)[] }>(
    "agreement-span-columns",
    Prisma.sql`
      SELECT coalesce(json_agg(a."authorId" ORDER BY a.start, a."end", a.id), '[]') AS author,
             coalesce(json_agg(a.start ORDER BY a.start, a."end", a.id), '[]') AS start,
             coalesce(json_agg(a."end" ORDER BY a.start, a."end", a.id), '[]') AS "end",
             coalesce(json_agg(t.name ORDER BY a.start, a."end", a.id), '[]') AS type
      FROM "Annotation" a
      LEFT JOIN "Entity" e ON e.id = a."entityId"
      LEFT JOIN "EntityType" t ON t.id = e."typeId"
      WHERE a."workspaceId" = ${workspaceId} AND a."articleId" = ${articleId} AND a."revisionId" = ${revision.id}
        AND a."deletedAt" IS NULL AND a."anchorState" <> 'ORPHANED'`,
  );
  const authors = spans.author;
  const counts = new Map<string, number>();
  for (const author of authors) counts.set(author, (counts.get(author) ?? 0) + 1);
  const { annotators, analysts } = await findAnnotators({ ...options, counts });
  const analystIndex = new Map(analysts.map((a, i) => [a.id, i]));
  let n = 0;
  for (const author of authors) if (analystIndex.has(author)) n++;
  const columns: AgreementColumns = {
    analysts: analysts.map((a) => a.id),
    labels: [],
    annotator: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    label: new Int32Array(n),
  };
  const labelIndex = new Map<string, number>();
  let k = 0;
  for (const [i, author] of authors.entries()) {
    const who = analystIndex.get(author);
    if (who === undefined) continue;
    const name = spans.type[i] ?? UNTAGGED_LABEL;
    let l = labelIndex.get(name);
    if (l === undefined) {
      l = columns.labels.length;
      labelIndex.set(name, l);
      columns.labels.push(name);
    }
    columns.annotator[k] = who;
    columns.start[k] = spans.start[i];
    columns.end[k] = spans.end[i];
    columns.label[k] = l;
    k++;
  }
  const text = revision.text;
  return {
    article: { id: article.id, title: article.title, revisionId: revision.id, revisionNumber: revision.number, text },
    annotators,
    analysts,
    columns,
  };
}
