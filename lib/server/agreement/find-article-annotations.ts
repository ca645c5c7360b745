import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { compareCodeUnits } from "@/lib/agreement";
import type { ArticleAnnotation } from "@/lib/curation/article-spans";
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
  return {
    article: {
      id: article.id,
      title: article.title,
      revisionId: revision.id,
      revisionNumber: revision.number,
      text: revision.text,
    },
    annotators: all,
    analysts: all.filter((a) => wanted.has(a.id)),
    annotations,
  };
}
