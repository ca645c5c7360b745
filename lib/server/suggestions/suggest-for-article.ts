import "server-only";
import { db } from "@/lib/db";
import { articleAccessWhere } from "@/lib/auth/access";
import { notFound } from "@/lib/errors";
import { suggestMentions, type Suggestion } from "@/lib/suggestions";
import {
  findAnnotationVisibility,
  visibleAnnotationsWhere,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

/**
 * Suggests likely entity mentions in the article's current text: catalog
 * entities of the workspace, named-entity recognition, capitalized names.
 * Runs on the server so long articles never block the reader's main thread.
 */
export async function suggestForArticle(options: {
  workspaceId: string;
  articleId: string;
  /** Spans already tagged are not suggested: only those the viewer can see count. */
  viewer: AnnotationViewer;
}): Promise<{
  revisionId: string;
  suggestions: Suggestion[];
}> {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { currentRevision: { select: { id: true, text: true } } },
  });
  if (!article?.currentRevision) throw notFound("Article");
  const visibility = await findAnnotationVisibility(options);
  const [entities, existing] = await Promise.all([
    db.entity.findMany({
      where: { workspaceId: options.workspaceId, deletedAt: null, mergedIntoId: null },
      select: { id: true, name: true, aliases: true, type: { select: { name: true } } },
    }),
    db.annotation.findMany({
      where: {
        articleId: options.articleId,
        workspaceId: options.workspaceId,
        deletedAt: null,
        anchorState: { not: "ORPHANED" },
        ...visibleAnnotationsWhere(visibility),
      },
      select: { start: true, end: true },
    }),
  ]);
  const suggestions = suggestMentions({
    text: article.currentRevision.text,
    catalog: entities.map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, typeName: e.type.name })),
    existing,
  });
  return { revisionId: article.currentRevision.id, suggestions };
}
