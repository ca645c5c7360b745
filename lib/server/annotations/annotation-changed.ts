import "server-only";
import type { LiveEventInput } from "@/lib/server/live/publish-live";

/** The live event announcing that annotations of an article changed (readers fetch them by id). */
export function annotationChanged(
  workspaceId: string,
  annotations: { id: string; articleId: string } | readonly { id: string; articleId: string }[],
): LiveEventInput<"annotation.changed"> {
  const list = Array.isArray(annotations) ? annotations : [annotations as { id: string; articleId: string }];
  return {
    type: "annotation.changed",
    workspaceId,
    articleId: list[0]?.articleId ?? null,
    data: { annotationIds: list.map((a) => a.id) },
  };
}
