import { z } from "zod";
import { text } from "@/lib/validations/storable";

/** Most characters of text a comment may hold (its body's plain text). */
export const MAX_COMMENT_TEXT = 10_000;
/** Most bytes of JSON a comment request may carry (the body's structure included). */
export const MAX_COMMENT_REQUEST_BYTES = 200_000;

const id = text().min(1).max(64);

/**
 * A comment body as the comment editor produces it (Tiptap JSON). Its shape is
 * checked against the comment schema on the server (`parseCommentBody`).
 */
export const commentBodySchema = z.object({ type: z.literal("doc") }).passthrough();

export const createCommentSchema = z.object({ body: commentBodySchema });

/** An edit of one's own comment; `version` is the one the client last saw (stale → 409). */
export const updateCommentSchema = z.object({ version: z.number().int().min(1), body: commentBodySchema });

/** A lead hides (or shows again) an abusive comment. */
export const hideCommentSchema = z.object({ hidden: z.boolean() });

/** Resolve or reopen a thread. */
export const threadStateSchema = z.object({ resolved: z.boolean() });

/** Mark notifications read: some by id, or all of them. */
export const readNotificationsSchema = z.union([
  z.object({ ids: z.array(id).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

export const notificationListQuerySchema = z.object({
  unread: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
