import "server-only";
import type { JSONContent } from "@tiptap/core";
import { anchorQuote, canonicalText, createQuoteSelector, diffTexts } from "@/lib/anchoring";
import { MAX_TEXT_CHARS } from "@/lib/content/limits";
import { contentFromPdf } from "@/lib/content/pdf";
import { contentFromPlainText } from "@/lib/content/plain-text";
import type { PageStart } from "@/lib/capture/pages";
import { sanitizeContent } from "@/lib/content/sanitize-content";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { articleAccessWhere } from "@/lib/auth/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordActivity } from "@/lib/server/activity/record-activity";
import { reviseArticle } from "@/lib/server/articles/revise-article";
import { contentFromHtmlOffThread, extractWebPageOffThread } from "@/lib/server/compute-pool";
import {
  claimIdempotencyKey,
  storeIdempotentAnswer,
  type IdempotencyClaim,
} from "@/lib/server/idempotency/idempotency";
import { safeFetch, type SafeFetchOptions } from "@/lib/server/capture/safe-fetch";
import type { CaptureSelection, CaptureUpdate, ClipArticleInput, ClippedArticle } from "@/lib/validations/capture";

/** A page turned into article content, with what the page says about itself. */
export type CapturedPage = {
  content: JSONContent;
  text: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedAt: Date | null;
  language: string | null;
  url: string;
  canonicalUrl: string;
  fetchedAt: Date;
  /** For a PDF: where each page begins in `text`. */
  pages?: PageStart[];
};

const unprocessable = (message: string) => new AppError("UNPROCESSABLE", message);

function publishedDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1000 || date.getUTCFullYear() > 9999) return null;
  return new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
}

/**
 * The page's title without the site's name that pages append or prepend
 * ("Dam report | The Daily Fixture" → "Dam report"): the site is shown beside
 * the title already.
 */
export function titleWithoutSite(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const site = siteName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const separator = String.raw`\s+[|\-–—·:»]\s+`;
  const stripped = title
    .replace(new RegExp(`${separator}${site}$`, "i"), "")
    .replace(new RegExp(`^${site}${separator}`, "i"), "")
    .trim();
  return stripped || title;
}

function languageCode(value: string | null): string | null {
  return value && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? value : null;
}

function checkedText(content: JSONContent): string {
  const text = canonicalText(content);
  if (text.length > MAX_TEXT_CHARS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The article is longer than ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters.`,
    );
  }
  if (!text.trim()) throw unprocessable("No article text was found on that page.");
  return text;
}

/**
 * Reads a page into article content: fetched through {@link safeFetch}
 * unless the browser extension sent its HTML, then extracted by Readability
 * and sanitized exactly like an uploaded .html file, both on a worker thread.
 */
export async function readCapturedPage(
  input: { url: string; html?: string },
  fetchOptions?: SafeFetchOptions,
): Promise<CapturedPage> {
  let bytes: Uint8Array;
  let url: string;
  let charset: string | null;
  let mediaType: string;
  let fetchedAt: Date;
  if (input.html !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(input.url);
    } catch {
      throw unprocessable("That is not a valid web address.");
    }
    if (parsed.username || parsed.password) {
      throw unprocessable("Addresses with a user name or password cannot be captured.");
    }
    bytes = new TextEncoder().encode(input.html);
    url = parsed.href;
    charset = "utf-8";
    mediaType = "text/html";
    fetchedAt = new Date();
  } else {
    const fetched = await safeFetch(input.url, fetchOptions);
    ({ url, charset, mediaType, fetchedAt } = fetched);
    bytes = fetched.body;
  }

  if (mediaType === "application/pdf") {
    const { content, pages } = await contentFromPdf(bytes);
    const text = checkedText(content);
    const firstLine = text.slice(0, text.indexOf("\n") < 0 ? undefined : text.indexOf("\n")).trim();
    return {
      content,
      text,
      // As for an uploaded PDF: its first line, when short enough to be a title.
      title: firstLine && firstLine.length <= 200 ? firstLine : null,
      byline: null,
      siteName: null,
      publishedAt: null,
      language: null,
      url,
      canonicalUrl: url.replace(/#.*$/, ""),
      fetchedAt,
      pages,
    };
  }
  if (mediaType === "text/plain") {
    const text = new TextDecoder(charset ?? "utf-8").decode(bytes);
    const content = sanitizeContent(contentFromPlainText(text));
    return {
      content,
      text: checkedText(content),
      title: null,
      byline: null,
      siteName: null,
      publishedAt: null,
      language: null,
      url,
      canonicalUrl: url.replace(/#.*$/, ""),
      fetchedAt,
    };
  }
  const outcome = await extractWebPageOffThread({ bytes, headerCharset: charset, url });
  if (!outcome.ok) throw unprocessable(outcome.message);
  const { page } = outcome;
  const content = await contentFromHtmlOffThread(page.html);
  return {
    content,
    text: checkedText(content),
    title: titleWithoutSite(page.title, page.siteName),
    byline: page.byline,
    siteName: page.siteName,
    publishedAt: publishedDate(page.publishedTime),
    language: languageCode(page.language),
    url,
    canonicalUrl: page.canonicalUrl,
    fetchedAt,
  };
}

/**
 * Where the analyst's selection is in the captured text, by its quote and
 * context (whitespace may differ: a browser joins paragraphs with one newline),
 * or null when it cannot be found.
 */
export function locateSelection(text: string, selection: CaptureSelection): { start: number; end: number } | null {
  const squash = (value: string | undefined) => (value ?? "").replace(/\s+/g, " ");
  const exact = squash(selection.exact).trim();
  if (!exact) return null;
  const found = anchorQuote(text, {
    exact,
    prefix: squash(selection.prefix),
    suffix: squash(selection.suffix),
    start: -1,
    end: -1,
  });
  if (found.status !== "orphaned") return { start: found.start, end: found.end };
  // The page's text joins blocks with a blank line where the selection has a space.
  const flexible = exact
    .split(" ")
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  const match = new RegExp(flexible).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** The live article of the workspace captured from `canonicalUrl`, if any (newest first). */
export async function findCapturedArticle(workspaceId: string, canonicalUrl: string) {
  return db.article.findFirst({
    where: { canonicalUrl, ...articleAccessWhere({ workspaceId }) },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, capturedAt: true, currentRevisionId: true },
  });
}

/**
 * Captures a web page into the workspace: a new article (revision 1) with the
 * page's metadata and, when the analyst had selected text, a highlight on it;
 * or, with `mode: "revision"`, a new revision of an article captured before
 * (every annotation re-anchored or orphaned, never dropped). With the default
 * `mode: "ask"`, a page whose canonical URL the workspace already has answers
 * 409 naming that article, so the analyst can open it or capture a revision.
 * With `idempotency`, the key is claimed and the answer (`{ data }`, 201 or
 * 200) stored in the transaction that saves the article or revision.
 */
export async function captureArticle(options: {
  workspaceId: string;
  actorId: string;
  input: ClipArticleInput;
  /** Whether the actor may save revisions (article.revise). */
  canRevise: boolean;
  fetchOptions?: SafeFetchOptions;
  /** The request's Idempotency-Key (lib/server/idempotency). */
  idempotency?: IdempotencyClaim | null;
}): Promise<ClippedArticle> {
  const { workspaceId, actorId, input } = options;
  if (input.mode === "revision") {
    if (!options.canRevise) throw new AppError("FORBIDDEN", "Only reviewers and owners can save a new revision.");
    if (!input.articleId) {
      throw new AppError("UNPROCESSABLE", "Name the article to revise.", {
        details: { fieldErrors: { articleId: ["Name the article to revise."] } },
      });
    }
    const article = await db.article.findFirst({
      where: { id: input.articleId, ...articleAccessWhere({ workspaceId }) },
      select: { id: true, title: true, currentRevisionId: true },
    });
    if (!article?.currentRevisionId) throw notFound("Article");
    const page = await readCapturedPage(input, options.fetchOptions);
    let clipped: ClippedArticle | undefined;
    await reviseArticle({
      workspaceId,
      articleId: article.id,
      actorId,
      baseRevisionId: article.currentRevisionId,
      content: page.content,
      pages: page.pages,
      idempotency: options.idempotency,
      finish: async (tx, result) => {
        await tx.article.update({
          where: { id: article.id },
          data: { capturedAt: page.fetchedAt, canonicalUrl: page.canonicalUrl, originalUrl: page.url },
        });
        clipped = {
          id: article.id,
          title: article.title,
          canonicalUrl: page.canonicalUrl,
          highlightId: null,
          revision: {
            number: result.number,
            anchored: result.anchored,
            moved: result.moved,
            orphaned: result.orphaned,
          },
        };
        await storeIdempotentAnswer(tx, options.idempotency, 200, { data: clipped });
      },
    });
    return clipped!;
  }

  const page = await readCapturedPage(input, options.fetchOptions);
  if (input.mode === "ask") {
    const existing = await findCapturedArticle(workspaceId, page.canonicalUrl);
    if (existing) {
      throw new AppError("CONFLICT", "This page was captured before. Open that article or capture a new revision.", {
        details: {
          existing: { id: existing.id, title: existing.title, capturedAt: existing.capturedAt?.toISOString() ?? null },
        },
      });
    }
  }

  const title = (input.title || page.title || new URL(page.url).hostname).slice(0, 300);
  const highlight = input.selection ? locateSelection(page.text, input.selection) : null;
  const articleId = newId();
  const revisionId = newId();
  const highlightId = highlight ? newId() : null;
  const clipped: ClippedArticle = { id: articleId, title, canonicalUrl: page.canonicalUrl, highlightId };
  await db.$transaction(async (tx) => {
    await claimIdempotencyKey(tx, options.idempotency);
    await tx.article.create({
      data: {
        id: articleId,
        workspaceId,
        title,
        source: page.siteName?.slice(0, 200) ?? null,
        authors: page.byline ? [page.byline.replace(/^by\s+/i, "").slice(0, 200)] : [],
        publishedAt: page.publishedAt,
        originalUrl: page.url.slice(0, 2000),
        canonicalUrl: page.canonicalUrl.slice(0, 2000),
        capturedAt: page.fetchedAt,
        language: page.language,
        importedById: actorId,
      },
    });
    await tx.articleRevision.create({
      data: {
        id: revisionId,
        workspaceId,
        articleId,
        number: 1,
        content: page.content as Prisma.InputJsonValue,
        text: page.text,
        ...(page.pages ? { pages: page.pages as Prisma.InputJsonValue } : {}),
        authorId: actorId,
      },
    });
    await tx.article.update({ where: { id: articleId }, data: { currentRevisionId: revisionId } });
    if (highlight && highlightId) {
      await tx.annotation.create({
        data: {
          id: highlightId,
          workspaceId,
          articleId,
          revisionId,
          authorId: actorId,
          start: highlight.start,
          end: highlight.end,
          ...createQuoteSelector(page.text, highlight.start, highlight.end),
        },
      });
    }
    await recordActivity({
      tx,
      action: "article.imported",
      actorId,
      workspaceId,
      target: { type: "article", id: articleId },
      data: { title, characters: page.text.length, capturedFrom: page.canonicalUrl },
    });
    await storeIdempotentAnswer(tx, options.idempotency, 201, { data: clipped });
  });
  return clipped;
}

/**
 * The stretches where `after` differs from `before`, each widened to whole
 * paragraphs (blocks end at a blank line) so a reader sees sentences, not
 * scattered letters; overlapping stretches are merged.
 */
export function paragraphChanges(before: string, after: string): CaptureUpdate["changes"] {
  const runs = [
    { oldStart: 0, newStart: 0, length: 0 },
    ...diffTexts(before, after).runs,
    { oldStart: before.length, newStart: after.length, length: 0 },
  ];
  type Span = { oldFrom: number; oldTo: number; newFrom: number; newTo: number };
  const spans: Span[] = [];
  for (let i = 1; i < runs.length; i++) {
    const previous = runs[i - 1];
    const next = runs[i];
    const oldFrom = previous.oldStart + previous.length;
    const newFrom = previous.newStart + previous.length;
    if (next.oldStart === oldFrom && next.newStart === newFrom) continue;
    const paragraphStart = oldFrom === 0 ? 0 : before.lastIndexOf("\n\n", oldFrom - 1);
    const back = Math.min(
      oldFrom - (paragraphStart < 0 ? 0 : paragraphStart === 0 ? 0 : paragraphStart + 2),
      previous.length,
    );
    const paragraphEnd = before.indexOf("\n\n", next.oldStart);
    const forward = Math.min((paragraphEnd < 0 ? before.length : paragraphEnd) - next.oldStart, next.length);
    const span = {
      oldFrom: oldFrom - Math.max(0, back),
      oldTo: next.oldStart + Math.max(0, forward),
      newFrom: newFrom - Math.max(0, back),
      newTo: next.newStart + Math.max(0, forward),
    };
    const last = spans[spans.length - 1];
    if (last && span.oldFrom <= last.oldTo) {
      last.oldTo = span.oldTo;
      last.newTo = span.newTo;
    } else {
      spans.push(span);
    }
  }
  return spans.map((span) => ({
    at: span.oldFrom,
    removed: before.slice(span.oldFrom, span.oldTo),
    added: after.slice(span.newFrom, span.newTo),
  }));
}

/**
 * "Check for updates": fetches a captured article's page again and compares
 * its text with the current revision's, saving nothing.
 */
export async function checkCapturedArticle(options: {
  workspaceId: string;
  articleId: string;
  fetchOptions?: SafeFetchOptions;
}): Promise<CaptureUpdate> {
  const article = await db.article.findFirst({
    where: { id: options.articleId, ...articleAccessWhere({ workspaceId: options.workspaceId }) },
    select: { originalUrl: true, canonicalUrl: true, currentRevision: { select: { id: true, text: true } } },
  });
  if (!article?.currentRevision) throw notFound("Article");
  const url = article.originalUrl ?? article.canonicalUrl;
  if (!url || !article.canonicalUrl) throw unprocessable("This article was not captured from a web page.");
  const page = await readCapturedPage({ url }, options.fetchOptions);
  const before = article.currentRevision.text;
  const changes = paragraphChanges(before, page.text);
  return { changed: changes.length > 0, currentRevisionId: article.currentRevision.id, url, changes };
}
