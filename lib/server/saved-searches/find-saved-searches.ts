import "server-only";
import { db } from "@/lib/db";
import { findAnnotationVisibility, type AnnotationViewer } from "@/lib/server/assignments/visible-authors";
import { countNewMatches, savedSearchSelect } from "@/lib/server/saved-searches/count-new-matches";
import type { SavedSearchView } from "@/lib/validations/saved-search";

/** The most saved searches a member keeps in a workspace. */
export const MAX_SAVED_SEARCHES = 50;

/**
 * The viewer's own saved searches in the workspace, by name, each with the
 * count of its matches the viewer may see that are newer than its last opening.
 */
export async function findSavedSearches(options: {
  workspaceId: string;
  viewer: AnnotationViewer;
}): Promise<SavedSearchView[]> {
  const { workspaceId, viewer } = options;
  const [rows, visibility] = await Promise.all([
    db.savedSearch.findMany({
      where: { workspaceId, userId: viewer.id, deletedAt: null },
      orderBy: [{ name: "asc" }, { createdAt: "asc" }],
      select: savedSearchSelect,
      take: MAX_SAVED_SEARCHES,
    }),
    findAnnotationVisibility({ workspaceId, viewer }),
  ]);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      name: row.name,
      query: row.query,
      lastOpenedAt: row.lastOpenedAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      newCount: await countNewMatches({ workspaceId, visibility, query: row.query, since: row.lastOpenedAt }),
    })),
  );
}
