import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { articleAccessWhere } from "@/lib/auth/access";
import {
  canonicalText,
  checkTextDiff,
  createQuoteSelector,
  diffTexts,
  mapOffset,
  reanchorAll,
  triplesToRuns,
} from "@/lib/anchoring";
import { MAX_TEXT_CHARS } from "@/lib/content/limits";
import { sanitizeContent } from "@/lib/content/sanitize-content";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { publishLive } from "@/lib/server/live/publish-live";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnchorState } from "@/lib/generated/prisma/enums";
import { pageStarts, type PageStart } from "@/lib/capture/pages";
import { claimIdempotencyKey, type IdempotencyClaim } from "@/lib/server/idempotency/idempotency";

/**
 * What a revision did to the article's live annotations: how many kept their
 * place, moved ("please check") or were orphaned, and which moved or were
 * orphaned. Deleted annotations are re-anchored too but not counted.
 */
export type RevisionResult = {
  revisionId: string;
  number: number;
  anchored: number;
  moved: number;
  orphaned: number;
  movedIds: string[];
  orphanedIds: string[];
};

/**
 * Saves edited article content as a new revision and re-anchors every
 * annotation of the article (deleted ones too, so a later restore lands
 * right) through the edit's diff (`reanchorAll`; the editor's own record of
 * the edit when it sent one that fits): text the edit kept stays
 * where it was, text it deleted is orphaned with its last quote kept, text it
 * changed or moved is "moved, please check". Annotations already orphaned
 * stay orphaned until someone re-attaches them. No annotation is ever dropped.
 * A revision made against an older base answers 409.
 */
export async function reviseArticle(options: {
  workspaceId: string;
  articleId: string;
  actorId: string;
  baseRevisionId: string;
  content: unknown;
  /** The editor's record of the edit (`[oldStart, newStart, length]` equal runs), trusted only if it fits the texts. */
  editRuns?: ReadonlyArray<readonly [number, number, number]>;
  /** For text read from a PDF: where each page begins in the new text. */
  pages?: readonly PageStart[];
  /** The request's Idempotency-Key, claimed first in the revision's transaction. */
  idempotency?: IdempotencyClaim | null;
  /** Runs last in the revision's transaction (a capture records its page and stores its answer there). */
  finish?: (tx: Tx, result: RevisionResult) => Promise<void>;
}): Promise<RevisionResult> {
  const content = sanitizeContent(options.content);
  const newText = canonicalText(content);
  if (newText.length > MAX_TEXT_CHARS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `An article can have at most ${MAX_TEXT_CHARS.toLocaleString("en")} characters.`,
    );
  }
  if (!newText.trim()) throw new AppError("UNPROCESSABLE", "The article cannot be empty.");

  return db.$transaction(async (tx) => {
    await claimIdempotencyKey(tx, options.idempotency);
    // Lock the article row so two revisions cannot both build on the same base.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Article" WHERE "id" = ${options.articleId} AND "workspaceId" = ${options.workspaceId} FOR UPDATE`;
    if (!locked.length) throw notFound("Article");
    const article = await tx.article.findFirst({
      where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
      select: { currentRevision: { select: { id: true, number: true, text: true, pages: true } } },
    });
    if (!article?.currentRevision) throw notFound("Article");
    const base = article.currentRevision;
    if (base.id !== options.baseRevisionId) {
      throw new AppError(
        "CONFLICT",
        "Someone else saved a newer version of this article. Reload it and make your changes again.",
        {
          details: { currentRevisionId: base.id },
        },
      );
    }

    const editDiff = options.editRuns ? checkTextDiff(base.text, newText, triplesToRuns(options.editRuns)) : null;
    // Text read from a PDF keeps its page starts through an edit: each follows the edit to where its text went.
    const basePages = pageStarts(base.pages);
    const pages =
      options.pages ??
      (basePages
        ? ((diff) => basePages.map(({ page, start }) => ({ page, start: mapOffset(diff, start, 1) })))(
            editDiff ?? diffTexts(base.text, newText),
          )
        : null);

    const revisionId = newId();
    const number = base.number + 1;
    await tx.articleRevision.create({
      data: {
        id: revisionId,
        workspaceId: options.workspaceId,
        articleId: options.articleId,
        number,
        content: content as Prisma.InputJsonValue,
        text: newText,
        ...(pages ? { pages: pages as Prisma.InputJsonValue } : {}),
        authorId: options.actorId,
      },
    });
    await tx.article.update({ where: { id: options.articleId }, data: { currentRevisionId: revisionId } });

    const annotations = await tx.annotation.findMany({
      where: { articleId: options.articleId, workspaceId: options.workspaceId },
      select: {
        id: true,
        start: true,
        end: true,
        exact: true,
        prefix: true,
        suffix: true,
        anchorState: true,
        deletedAt: true,
      },
    });
    const attached = annotations.filter((a) => a.anchorState !== "ORPHANED");
    const results = new Map(
      reanchorAll(base.text, newText, attached, editDiff ? { editDiff } : {}).map((result, i) => [
        attached[i].id,
        result,
      ]),
    );
    const counts = { anchored: 0, moved: 0, orphaned: 0 };
    const movedIds: string[] = [];
    const orphanedIds: string[] = [];
    const rows = annotations.map(({ deletedAt, ...annotation }) => {
      const result = results.get(annotation.id) ?? ({ status: "orphaned" } as const);
      const live = deletedAt === null;
      if (result.status === "orphaned") {
        if (live) {
          counts.orphaned++;
          orphanedIds.push(annotation.id);
        }
        return { ...annotation, anchorState: "ORPHANED" as AnchorState };
      }
      const anchorState: AnchorState = result.status === "fuzzy" ? "MOVED" : "ANCHORED";
      if (live) {
        counts[anchorState === "MOVED" ? "moved" : "anchored"]++;
        if (anchorState === "MOVED") movedIds.push(annotation.id);
      }
      const selector = createQuoteSelector(newText, result.start, result.end);
      return { id: annotation.id, start: result.start, end: result.end, ...selector, anchorState };
    });
    if (rows.length) {
      // One statement for all rows: thousands of annotations re-anchor in one round trip.
      await tx.$executeRaw`
        UPDATE "Annotation" AS a SET
          "start" = u.start, "end" = u."end", "exact" = u.exact, "prefix" = u.prefix, "suffix" = u.suffix,
          "anchorState" = u.state::"AnchorState", "revisionId" = ${revisionId},
          "version" = a."version" + 1, "updatedAt" = CURRENT_TIMESTAMP
        FROM (
          SELECT * FROM unnest(
            ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.start)}::int[], ${rows.map((r) => r.end)}::int[],
            ${rows.map((r) => r.exact)}::text[], ${rows.map((r) => r.prefix)}::text[], ${rows.map((r) => r.suffix)}::text[],
            ${rows.map((r) => r.anchorState)}::text[]
          ) AS t(id, start, "end", exact, prefix, suffix, state)
        ) AS u
        WHERE a."id" = u.id`;
    }
    await recordActivity({
      tx,
      action: "article.revised",
      actorId: options.actorId,
      workspaceId: options.workspaceId,
      target: { type: "article", id: options.articleId },
      data: { revision: number, ...counts, movedIds, orphanedIds },
    });
    await publishLive(tx, [
      {
        type: "article.revised",
        workspaceId: options.workspaceId,
        articleId: options.articleId,
        data: { revisionId, number },
      },
    ]);
    const result = { revisionId, number, ...counts, movedIds, orphanedIds };
    await options.finish?.(tx, result);
    return result;
  });
}
