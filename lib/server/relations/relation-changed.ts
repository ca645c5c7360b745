import "server-only";
import type { LiveEventInput } from "@/lib/server/live/publish-live";

/** The live event announcing that relations of an article changed (readers fetch them by id). */
export function relationChanged(
  workspaceId: string,
  articleId: string,
  relationIds: readonly string[],
): LiveEventInput<"relation.changed"> {
  return { type: "relation.changed", workspaceId, articleId, data: { relationIds: [...relationIds] } };
}
