import "server-only";
import { db, type Tx } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * THE blind-annotation rule, in one place. Every read that shows annotations
 * (or what hangs off them: threads, mentions, co-occurrences, live events)
 * asks `findAnnotationVisibility` and applies what it returns with one of the
 * three builders below, so the rule cannot drift between routes:
 *
 * While a member has a blind, unsubmitted, not removed assignment on an
 * article, they see only their own annotations on that article. Reviewers and
 * owners (`assignment.manage`) always see everyone's. Everywhere else, and
 * after submitting, everyone's annotations are visible.
 */
export type AnnotationViewer = { id: string; role: Role };

export type AnnotationVisibility = {
  viewerId: string;
  /** Articles on which the viewer sees only their own annotations (empty: they see everyone's everywhere). */
  blindArticleIds: string[];
};

/** Sees everything: for server code acting for nobody in particular. */
export const SEES_EVERYTHING: AnnotationVisibility = { viewerId: "", blindArticleIds: [] };

/**
 * What `viewer` may see of others' annotations in a workspace: the articles on
 * which they are annotating blind (optionally only `articleId`). One indexed
 * query, none for reviewers and owners.
 */
export async function findAnnotationVisibility(
  options: { workspaceId: string; viewer: AnnotationViewer; articleId?: string },
  client: Tx = db,
): Promise<AnnotationVisibility> {
  const { workspaceId, viewer, articleId } = options;
  if (can(viewer.role, "assignment.manage")) return { viewerId: viewer.id, blindArticleIds: [] };
  const rows = await client.assignment.findMany({
    where: {
      workspaceId,
      assigneeId: viewer.id,
      blind: true,
      submittedAt: null,
      deletedAt: null,
      ...(articleId ? { articleId } : {}),
    },
    select: { articleId: true },
  });
  return { viewerId: viewer.id, blindArticleIds: rows.map((r) => r.articleId) };
}

/** Whether the rule hides anything from this viewer. */
export function isBlind(visibility: AnnotationVisibility, articleId?: string | null): boolean {
  if (articleId) return visibility.blindArticleIds.includes(articleId);
  return visibility.blindArticleIds.length > 0;
}

/** A Prisma filter on Annotation: the annotations the viewer may see. */
export function visibleAnnotationsWhere(visibility: AnnotationVisibility): Prisma.AnnotationWhereInput {
  if (!visibility.blindArticleIds.length) return {};
  return { OR: [{ authorId: visibility.viewerId }, { articleId: { notIn: visibility.blindArticleIds } }] };
}

/**
 * The same rule on the activity log: events about annotations or comments on
 * an article the viewer annotates blind (`data.articleId`), by anyone else,
 * are left out (they quote the annotations).
 */
export function visibleActivityWhere(visibility: AnnotationVisibility): Prisma.ActivityEventWhereInput {
  if (!visibility.blindArticleIds.length) return {};
  return {
    NOT: {
      targetType: { in: ["annotation", "comment"] },
      OR: visibility.blindArticleIds.map((id) => ({ data: { path: ["articleId"], equals: id } })),
      AND: [{ OR: [{ actorId: null }, { actorId: { not: visibility.viewerId } }] }],
    },
  };
}

/** The same filter as SQL on an Annotation alias (default `a`), for raw queries. */
export function visibleAnnotationsSql(visibility: AnnotationVisibility, alias = "a"): Prisma.Sql {
  if (!visibility.blindArticleIds.length) return Prisma.sql`TRUE`;
  const a = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  return Prisma.sql`(${a}."authorId" = ${visibility.viewerId} OR ${a}."articleId" NOT IN (${Prisma.join(
    visibility.blindArticleIds,
  )}))`;
}

/** The same filter on one annotation already loaded. */
export function canSeeAnnotation(
  visibility: AnnotationVisibility,
  annotation: { authorId: string; articleId: string },
): boolean {
  return annotation.authorId === visibility.viewerId || !visibility.blindArticleIds.includes(annotation.articleId);
}

/**
 * Of `annotationIds` (about `articleId`), the ones the viewer may hear about:
 * for filtering live events. No query unless the viewer is blind on the article.
 */
export async function visibleAnnotationIds(
  visibility: AnnotationVisibility,
  articleId: string | null,
  annotationIds: readonly string[],
  client: Tx = db,
): Promise<string[]> {
  if (!annotationIds.length) return [];
  if (articleId && !isBlind(visibility, articleId)) return [...annotationIds];
  if (!articleId && !isBlind(visibility)) return [...annotationIds];
  const rows = await client.annotation.findMany({
    where: { id: { in: [...annotationIds] } },
    select: { id: true, authorId: true, articleId: true },
  });
  const visible = new Set(rows.filter((r) => canSeeAnnotation(visibility, r)).map((r) => r.id));
  return annotationIds.filter((id) => visible.has(id));
}

/**
 * The same rule on the search index (`"SearchEntry"`, alias `e`): annotations
 * and comments on an article the viewer annotates blind are found only when
 * the annotation is the viewer's own (a thread belongs to its annotation).
 * A comment in a relation's thread carries the relation's author there when
 * both its ends are theirs too, else none (the relation rule, see
 * relation-visibility.ts and migration 20261209300000_search_relation_comments).
 */
export function visibleSearchEntriesSql(visibility: AnnotationVisibility, alias = "e"): Prisma.Sql {
  if (!visibility.blindArticleIds.length) return Prisma.sql`TRUE`;
  const e = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  return Prisma.sql`NOT (${e}.kind IN ('annotation', 'comment') AND ${e}."articleId" IN (${Prisma.join(
    visibility.blindArticleIds,
  )}) AND ${e}."annotationAuthorId" IS DISTINCT FROM ${visibility.viewerId})`;
}
