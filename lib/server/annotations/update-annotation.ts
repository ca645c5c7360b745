import "server-only";
import { db, type Tx } from "@/lib/db";
import { createQuoteSelector, validateRange } from "@/lib/anchoring";
import { AppError } from "@/lib/errors";
import { activityExcerpt, recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { findAnnotationForWrite, type Actor } from "@/lib/server/annotations/find-annotation-for-write";
import { requireUsableEntity } from "@/lib/server/entities/require-usable-entity";
import type { UpdateAnnotationInput } from "@/lib/validations/annotation";

/**
 * Changes an annotation's entity or note. The write only lands on the version
 * the client saw: a newer one answers 409 with the current annotation.
 */
export async function updateAnnotation(options: {
  workspaceId: string;
  annotationId: string;
  actor: Actor;
  input: UpdateAnnotationInput;
}): Promise<AnnotationView> {
  const { workspaceId, annotationId, actor, input } = options;
  return db.$transaction(async (tx) => {
    const current = await findAnnotationForWrite(tx, { workspaceId, annotationId, actor, deleted: false });
    if (input.entityId) await requireUsableEntity(tx, workspaceId, input.entityId);
    const anchor = input.range ? await anchorOnCurrentRevision(tx, current.articleId, input.range) : null;
    const { count } = await tx.annotation.updateMany({
      where: { id: annotationId, workspaceId, version: input.version, deletedAt: null },
      data: {
        ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        ...(anchor ?? {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const latest = await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: annotationSelect });
      throw new AppError(
        "CONFLICT",
        "Someone else changed this annotation since you loaded it. It has been reloaded; check it and try again.",
        { details: { current: latest, yourVersion: input.version, currentVersion: current.version } },
      );
    }
    await recordActivity({
      tx,
      action: "annotation.updated",
      actorId: actor.id,
      workspaceId,
      target: { type: "annotation", id: annotationId },
      data: {
        articleId: current.articleId,
        ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
        ...(anchor ? { reattached: activityExcerpt(anchor.exact) } : {}),
      },
    });
    await publishLive(tx, [annotationChanged(options.workspaceId, current)]);
    return tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: annotationSelect });
  });
}

/** Validates a new range on the article's current revision, as for a new highlight, for re-attaching. */
async function anchorOnCurrentRevision(
  tx: Tx,
  articleId: string,
  range: { revisionId: string; start: number; end: number; exact: string },
) {
  const article = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { currentRevision: { select: { id: true, text: true } } },
  });
  const revision = article.currentRevision!;
  if (revision.id !== range.revisionId) {
    throw new AppError(
      "CONFLICT",
      "The article's text has changed since you opened it. Reload and select the text again.",
    );
  }
  const problem = validateRange(revision.text, range.start, range.end);
  const fail = (message: string) =>
    new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { range: [message] } } });
  if (problem) throw fail(problem);
  if (revision.text.slice(range.start, range.end) !== range.exact)
    throw fail("The quote does not match the article's text at those offsets.");
  const { prefix, suffix } = createQuoteSelector(revision.text, range.start, range.end);
  return {
    revisionId: revision.id,
    start: range.start,
    end: range.end,
    exact: range.exact,
    prefix,
    suffix,
    anchorState: "ANCHORED" as const,
  };
}
