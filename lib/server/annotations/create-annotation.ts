import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { articleAccessWhere } from "@/lib/auth/access";
import { createQuoteSelector, validateRange } from "@/lib/anchoring";
import { activityExcerpt, recordActivities } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import { annotationChanged } from "@/lib/server/annotations/annotation-changed";
import { annotationSelect, type AnnotationView } from "@/lib/server/annotations/annotation-select";
import { insertAnnotationsOnCurrentRevision, type NewAnnotation } from "@/lib/server/annotations/insert-annotations";
import { revisionText } from "@/lib/server/articles/revision-text";
import { requireUsableEntity } from "@/lib/server/entities/require-usable-entity";
import type { WriteAccess } from "@/lib/auth/write-access";
import type { CreateAnnotationInput } from "@/lib/validations/annotation";
import {
  claimIdempotencyKey,
  storeIdempotentAnswer,
  type IdempotencyClaim,
} from "@/lib/server/idempotency/idempotency";

type CreateOptions = {
  workspaceId: string;
  articleId: string;
  /** Session and membership, checked by the statement that writes (see withAuth's `checkedByWrite`). */
  access: WriteAccess;
  inputs: CreateAnnotationInput[];
  /**
   * The request's Idempotency-Key (its user already checked) and the answer to
   * store for it: claimed and stored in the creating transaction.
   */
  idempotency?: { claim: IdempotencyClaim; answer(created: AnnotationView[]): unknown } | null;
};

/**
 * Creates highlights on the article's current revision, all or none. Each
 * input's offsets must slice the revision's canonical text to exactly its
 * `exact`; prefix and suffix are taken from the text here.
 *
 * The usual request is checked against the revision's cached text and written
 * in one statement, which also checks the session and membership: one round
 * trip. Whatever that cannot take (no access, another revision, a bad range,
 * an unusable entity, a missing article) goes through the ordinary access
 * check and the checked transaction, which answer with the first problem.
 */
export async function createAnnotations(options: CreateOptions): Promise<AnnotationView[]> {
  const created = await createOnCachedRevision(options);
  if (created) return created;
  const { user } = await options.access.require();
  return createChecked({ ...options, actorId: user.id });
}

/** The fast path: null, having written nothing, whenever the checked path has to find out why. */
async function createOnCachedRevision(options: CreateOptions): Promise<AnnotationView[] | null> {
  const { workspaceId, articleId, access, inputs } = options;
  const revisionId = inputs[0].revisionId;
  if (inputs.some((input) => input.revisionId !== revisionId)) return null;
  const text = await revisionText(revisionId);
  if (text === null || inputs.some((input) => rangeProblem(text, input))) return null;
  const annotations = inputs.map((input) => {
    const row = newAnnotation(text, input);
    return { ...row, event: { id: newId(), data: createdEventData(articleId, row) } };
  });
  const { idempotency } = options;
  const created = idempotency
    ? await insertClaimed(idempotency, (tx) =>
        insertAnnotationsOnCurrentRevision({ workspaceId, articleId, revisionId, access, annotations, tx }),
      )
    : await insertAnnotationsOnCurrentRevision({ workspaceId, articleId, revisionId, access, annotations });
  if (created) access.confirm();
  return created;
}

/** Thrown to roll back a claimed fast insert that wrote nothing: the checked path claims again. */
class NotInserted extends Error {}

/** The fast insert with its Idempotency-Key claimed and answered in one transaction; null when it wrote nothing. */
async function insertClaimed(
  idempotency: NonNullable<CreateOptions["idempotency"]>,
  insert: (tx: Tx) => Promise<AnnotationView[] | null>,
): Promise<AnnotationView[] | null> {
  try {
    return await db.$transaction(async (tx) => {
      await claimIdempotencyKey(tx, idempotency.claim);
      const created = await insert(tx);
      if (!created) throw new NotInserted();
      await storeIdempotentAnswer(tx, idempotency.claim, 201, idempotency.answer(created));
      return created;
    });
  } catch (err) {
    if (err instanceof NotInserted) return null;
    throw err;
  }
}

/** Reads the current revision in a transaction and checks each input in turn, throwing the first problem. */
async function createChecked(options: Omit<CreateOptions, "access"> & { actorId: string }): Promise<AnnotationView[]> {
  const { workspaceId, articleId, actorId, inputs, idempotency } = options;
  return db.$transaction(
    async (tx) => {
      await claimIdempotencyKey(tx, idempotency?.claim);
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
        if (revision.id !== input.revisionId) {
          throw new AppError(
            "CONFLICT",
            "The article's text has changed since you opened it. Reload to annotate the new revision.",
            { details: { currentRevisionId: revision.id } },
          );
        }
        const problem = rangeProblem(revision.text, input);
        if (problem) {
          throw new AppError("UNPROCESSABLE", problem.message, {
            details: { fieldErrors: { [field(problem.field)]: [problem.message] } },
          });
        }
        if (input.entityId && !checkedEntities.has(input.entityId)) {
          await requireUsableEntity(tx, workspaceId, input.entityId);
          checkedEntities.add(input.entityId);
        }
        rows.push({
          ...newAnnotation(revision.text, input),
          workspaceId,
          articleId,
          revisionId: revision.id,
          authorId: actorId,
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
          data: createdEventData(articleId, row),
        })),
      );
      await publishLive(tx, [annotationChanged(workspaceId, rows)]);
      const found = await tx.annotation.findMany({
        where: { id: { in: rows.map((r) => r.id) } },
        select: annotationSelect,
      });
      const byId = new Map(found.map((a) => [a.id, a]));
      const created = rows.map((r) => byId.get(r.id)!);
      if (idempotency) await storeIdempotentAnswer(tx, idempotency.claim, 201, idempotency.answer(created));
      return created;
    },
    { timeout: 30_000 },
  );
}

/** Why the input's offsets and quote do not fit `text`, naming the field at fault; null when they do. */
function rangeProblem(text: string, input: CreateAnnotationInput): { field: string; message: string } | null {
  const message = validateRange(text, input.start, input.end);
  if (message) return { field: "end", message };
  if (text.slice(input.start, input.end) !== input.exact) {
    return { field: "exact", message: "The quote does not match the article's text at those offsets." };
  }
  return null;
}

/** The stored fields of a checked input: a new id, its quote and the context taken from `text`. */
function newAnnotation(text: string, input: CreateAnnotationInput): Omit<NewAnnotation, "event"> {
  const { prefix, suffix } = createQuoteSelector(text, input.start, input.end);
  return {
    id: newId(),
    start: input.start,
    end: input.end,
    exact: input.exact,
    prefix,
    suffix,
    entityId: input.entityId ?? null,
    note: input.note || null,
  };
}

/** What the "annotation.created" event records about a new annotation. */
function createdEventData(articleId: string, row: { exact: string; entityId: string | null }) {
  return { articleId, exact: activityExcerpt(row.exact), entityId: row.entityId };
}
