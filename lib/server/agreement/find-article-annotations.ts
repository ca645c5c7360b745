import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { compareCodeUnits } from "@/lib/agreement";
import type { ArticleAnnotation } from "@/lib/curation/article-spans";
import { notFound } from "@/lib/errors";

export type Annotator = { id: string; name: string; annotations: number };

export type ArticleAnnotations = {
  article: { id: string; title: string; revisionId: string; revisionNumber: number; text: string };
  /** Everyone with annotations on the current text, by name; first the analysts asked for who have none. */
  annotators: Annotator[];
  /** The analysts asked for (known annotators, or contributors of the workspace), in `annotators` order. */
  analysts: Annotator[];
  annotations: ArticleAnnotation[];
};

/**
 * The live annotations on an article's current text (orphaned ones left out:
 * their offsets no longer point into it) with their authors, for agreement
 * and curation. `analystIds` picks whose to compare: by default everyone who
 * annotated; a contributor of the workspace with no annotation here may be
 * named too (they found nothing). Unknown ids are ignored. Throws 404 for an
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
  const others = asked.filter((id) => !counts.has(id));
  const [users, members] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true } }),
    others.length
      ? db.membership.findMany({
          where: { workspaceId, userId: { in: others }, role: { not: "VIEWER" } },
          select: { user: { select: { id: true, name: true } } },
        })
      : [],
  ]);
  const byName = (a: Annotator, b: Annotator) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id);
  const annotators = users.map((u) => ({ id: u.id, name: u.name, annotations: counts.get(u.id)! })).sort(byName);
  const empty = members.map((m) => ({ id: m.user.id, name: m.user.name, annotations: 0 })).sort(byName);
  const all = [...empty, ...annotators];
  const wanted = new Set(asked);
  return {
    article: {
      id: article.id,
      title: article.title,
      revisionId: revision.id,
      revisionNumber: revision.number,
      text: revision.text,
    },
    annotators: all,
    analysts: asked.length ? all.filter((a) => wanted.has(a.id)) : annotators,
    annotations,
  };
}
