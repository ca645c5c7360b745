import "server-only";
import { db } from "@/lib/db";

/** An annotation as the Edit text mode shows it: where it is on the current revision, and its colour. */
export type EditingAnnotation = {
  id: string;
  start: number;
  end: number;
  status: "PROPOSED" | "ACCEPTED" | "REJECTED";
  /** The entity type's colour; null for an untagged highlight. */
  color: string | null;
};

/**
 * Returns the live, placed annotations of an article on its current revision,
 * for the editor to draw while the text is edited and to preview what saving
 * will orphan or move. Only for those who may revise (reviewers, owners), who
 * see everyone's annotations.
 */
export async function findEditingAnnotations(options: {
  workspaceId: string;
  articleId: string;
}): Promise<EditingAnnotation[]> {
  const rows = await db.annotation.findMany({
    where: {
      workspaceId: options.workspaceId,
      articleId: options.articleId,
      deletedAt: null,
      anchorState: { not: "ORPHANED" },
      article: { deletedAt: null },
    },
    orderBy: [{ start: "asc" }, { end: "asc" }],
    select: {
      id: true,
      start: true,
      end: true,
      status: true,
      revisionId: true,
      article: { select: { currentRevisionId: true } },
      entity: { select: { type: { select: { color: true } } } },
    },
  });
  return rows
    .filter((row) => row.revisionId === row.article.currentRevisionId)
    .map((row) => ({
      id: row.id,
      start: row.start,
      end: row.end,
      status: row.status,
      color: row.entity?.type.color ?? null,
    }));
}
