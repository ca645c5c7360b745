import "server-only";
import { db } from "@/lib/db";

/** What saving a revision did to the article's live annotations (see `reviseArticle`). */
export type RevisionOutcome = {
  number: number;
  anchored: number;
  moved: number;
  orphaned: number;
  /** The moved and orphaned annotations still live, with their quotes. */
  movedAnnotations: LinkedAnnotation[];
  orphanedAnnotations: LinkedAnnotation[];
};

export type LinkedAnnotation = { id: string; exact: string };

const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
const count = (value: unknown): number => (typeof value === "number" && Number.isInteger(value) ? value : 0);

/**
 * Returns what revision `number` of an article of the workspace did to its
 * annotations, as recorded when it was saved, or null for an unknown revision.
 */
export async function findRevisionOutcome(options: {
  workspaceId: string;
  articleId: string;
  number: number;
}): Promise<RevisionOutcome | null> {
  const event = await db.activityEvent.findFirst({
    where: {
      workspaceId: options.workspaceId,
      action: "article.revised",
      targetType: "article",
      targetId: options.articleId,
      data: { path: ["revision"], equals: options.number },
    },
    select: { data: true },
  });
  const data = event?.data;
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const movedIds = ids(data.movedIds);
  const orphanedIds = ids(data.orphanedIds);
  const rows = await db.annotation.findMany({
    where: {
      id: { in: [...movedIds, ...orphanedIds] },
      workspaceId: options.workspaceId,
      articleId: options.articleId,
      deletedAt: null,
    },
    select: { id: true, exact: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const linked = (list: string[]) => list.flatMap((id) => byId.get(id) ?? []);
  return {
    number: options.number,
    anchored: count(data.anchored),
    moved: count(data.moved),
    orphaned: count(data.orphaned),
    movedAnnotations: linked(movedIds),
    orphanedAnnotations: linked(orphanedIds),
  };
}
