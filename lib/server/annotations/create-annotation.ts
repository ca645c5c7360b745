import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { articleAccessWhere } from "@/lib/auth/access";
import { createQuoteSelector, validateRange } from "@/lib/anchoring";
import { recordActivities } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { requireUsableEntity } from "@/lib/server/entities/require-usable-entity";
import type { CreateAnnotationInput } from "@/lib/validations/annotation";

/**
 * Creates highlights on the article's current revision, all or none (one
 * transaction). Each input's offsets must slice the revision's canonical text
 * to exactly its `exact`; prefix and suffix are taken from the text here.
 */
export async function createAnnotations(options: {
  workspaceId: string;
  articleId: string;
  actorId: string;
  inputs: CreateAnnotationInput[];
}): Promise<AnnotationView[]> {
  const { workspaceId, articleId, actorId, inputs } = options;
  return db.$transaction(
    async (tx) => {
      const article = await tx.article.findFirst({
        where: { id: articleId, ...articleAccessWhere({ workspaceId }) },
        select: { currentRevision: { select: { id: true, text: true } } },
      });
      if (!article?.currentRevision) throw notFound("Article");
      const revision = article.currentRevision;
      const checkedEntities = new Set<string>();
      const rows = [];
      for (const [index, input] of inputs.entries()) {
        const field = (name: string) => (inputs.length > 1 ? `items.${index}.${name}` : name);
        const unprocessable = (name: string, message: string) =>
          new AppError("UNPROCESSABLE", message, { details: { fieldErrors: { [field(name)]: [message] } } });
        if (revision.id !== input.revisionId) {
          throw new AppError(
            "CONFLICT",
            "The article's text has changed since you opened it. Reload to annotate the new revision.",
            { details: { currentRevisionId: revision.id } },
          );
        }
        const rangeProblem = validateRange(revision.text, input.start, input.end);
        if (rangeProblem) throw unprocessable("end", rangeProblem);
        if (revision.text.slice(input.start, input.end) !== input.exact) {
          throw unprocessable("exact", "The quote does not match the article's text at those offsets.");
        }
        if (input.entityId && !checkedEntities.has(input.entityId)) {
          await requireUsableEntity(tx, workspaceId, input.entityId);
          checkedEntities.add(input.entityId);
        }
        const { prefix, suffix } = createQuoteSelector(revision.text, input.start, input.end);
        rows.push({
          id: newId(),
          workspaceId,
          articleId,
          revisionId: revision.id,
          authorId: actorId,
          start: input.start,
          end: input.end,
          exact: input.exact,
          prefix,
          suffix,
          entityId: input.entityId ?? null,
          note: input.note || null,
        });
      }
      // One insert for the rows and one for their events: a batch of a thousand costs a few round trips.
      await tx.annotation.createMany({ data: rows });
      await recordActivities(
        tx,
        rows.map((row) => ({
          action: "annotation.created" as const,
          actorId,
          workspaceId,
          target: { type: "annotation", id: row.id },
          data: { articleId, exact: row.exact.slice(0, 200), entityId: row.entityId },
        })),
      );
      await publishLive(tx, [annotationChanged(workspaceId, rows)]);
      const found = await tx.annotation.findMany({
        where: { id: { in: rows.map((r) => r.id) } },
        select: annotationSelect,
      });
      const byId = new Map(found.map((a) => [a.id, a]));
      const created = rows.map((r) => byId.get(r.id)!);
      return created;
    },
    { timeout: 30_000 },
  );
}
