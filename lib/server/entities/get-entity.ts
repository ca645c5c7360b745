import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { entitySelect, type EntityView } from "@/lib/server/entities/entity-select";
import {
  findAnnotationVisibility,
  visibleAnnotationsWhere,
  type AnnotationViewer,
} from "@/lib/server/assignments/visible-authors";

export type EntityMention = {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  authorName: string;
};
export type EntityWithMentions = EntityView & { articles: { id: string; title: string; mentions: EntityMention[] }[] };

/**
 * Returns an entity with every live mention across the workspace's live
 * articles that the viewer may see, grouped by article.
 */
export async function getEntity(options: {
  workspaceId: string;
  entityId: string;
  viewer: AnnotationViewer;
}): Promise<EntityWithMentions> {
  const entity = await db.entity.findFirst({
    where: { id: options.entityId, workspaceId: options.workspaceId, deletedAt: null },
    select: entitySelect,
  });
  if (!entity) throw notFound("Entity");
  const visibility = await findAnnotationVisibility(options);
  const mentions = await db.annotation.findMany({
    where: {
      workspaceId: options.workspaceId,
      entityId: entity.id,
      deletedAt: null,
      article: { deletedAt: null },
      ...visibleAnnotationsWhere(visibility),
    },
    orderBy: [{ article: { title: "asc" } }, { start: "asc" }],
    select: {
      id: true,
      exact: true,
      prefix: true,
      suffix: true,
      start: true,
      author: { select: { name: true } },
      article: { select: { id: true, title: true } },
    },
  });
  const byArticle = new Map<string, { id: string; title: string; mentions: EntityMention[] }>();
  for (const m of mentions) {
    const group = byArticle.get(m.article.id) ?? { ...m.article, mentions: [] };
    group.mentions.push({
      id: m.id,
      exact: m.exact,
      prefix: m.prefix,
      suffix: m.suffix,
      start: m.start,
      authorName: m.author.name,
    });
    byArticle.set(m.article.id, group);
  }
  return { ...entity, articles: [...byArticle.values()] };
}
