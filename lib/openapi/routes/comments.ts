import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import {
  CommentSchema,
  NotificationSchema,
  pathParams,
  ThreadSchema,
  ThreadSummarySchema,
} from "@/lib/openapi/schemas";
import {
  createCommentSchema,
  hideCommentSchema,
  notificationListQuerySchema,
  readNotificationsSchema,
  threadStateSchema,
  updateCommentSchema,
} from "@/lib/validations/comment";

const CreateComment = component("CreateComment", createCommentSchema);
const UpdateComment = component("UpdateComment", updateCommentSchema);

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}/comments",
  tag: "Comments",
  summary: "Read an annotation's thread",
  permission: "comment.list",
  params: pathParams.annotation,
  response: { status: 200, description: "The thread, comments oldest first.", schema: dataOf(ThreadSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}/comments",
  tag: "Comments",
  summary: "Comment on an annotation",
  description: "The body is Tiptap JSON of the comment schema; `@mentions` notify the members they name.",
  permission: "comment.create",
  params: pathParams.annotation,
  body: CreateComment,
  idempotent: true,
  response: { status: 201, description: "The new comment.", schema: dataOf(CommentSchema) },
  errors: [413],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/annotations/{annotationId}/thread",
  tag: "Comments",
  summary: "Resolve or reopen a thread",
  permission: "thread.resolve",
  params: pathParams.annotation,
  body: threadStateSchema,
  response: { status: 200, description: "The thread.", schema: dataOf(ThreadSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}/comments",
  tag: "Comments",
  summary: "Read a relation's thread",
  description: "A blind analyst gets 404 for a relation they may not see.",
  permission: "comment.list",
  params: pathParams.relation,
  response: { status: 200, description: "The thread, comments oldest first.", schema: dataOf(ThreadSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}/comments",
  tag: "Comments",
  summary: "Comment on a relation",
  description: "As on an annotation: Tiptap JSON of the comment schema; `@mentions` notify the members they name.",
  permission: "comment.create",
  params: pathParams.relation,
  body: CreateComment,
  idempotent: true,
  response: { status: 201, description: "The new comment.", schema: dataOf(CommentSchema) },
  errors: [413],
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/relations/{relationId}/thread",
  tag: "Comments",
  summary: "Resolve or reopen a relation's thread",
  permission: "thread.resolve",
  params: pathParams.relation,
  body: threadStateSchema,
  response: { status: 200, description: "The thread.", schema: dataOf(ThreadSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/threads",
  tag: "Comments",
  summary: "Summarize an article's threads",
  description: "Comment counts and resolution of every thread on the article's annotations.",
  permission: "comment.list",
  params: pathParams.article,
  response: { status: 200, description: "One entry per thread.", schema: dataOf(z.array(ThreadSummarySchema)) },
});

apiRoute({
  method: "patch",
  path: "/api/workspaces/{workspaceId}/comments/{commentId}",
  tag: "Comments",
  summary: "Edit my comment",
  description: "Send the `version` you read; a stale one answers 409. Earlier versions stay in its history.",
  permission: "comment.update",
  params: pathParams.comment,
  body: UpdateComment,
  response: { status: 200, description: "The comment.", schema: dataOf(CommentSchema) },
  errors: [409, 413],
});

apiRoute({
  method: "delete",
  path: "/api/workspaces/{workspaceId}/comments/{commentId}",
  tag: "Comments",
  summary: "Delete my comment",
  description: "It keeps its place in the thread (replies stay), without its body; it can be restored.",
  permission: "comment.update",
  params: pathParams.comment,
  response: { status: 200, description: "The deleted comment.", schema: dataOf(CommentSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/comments/{commentId}/restore",
  tag: "Comments",
  summary: "Restore my deleted comment",
  permission: "comment.update",
  params: pathParams.comment,
  response: { status: 200, description: "The comment.", schema: dataOf(CommentSchema) },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/comments/{commentId}/hide",
  tag: "Comments",
  summary: "Hide a comment, or show it again",
  permission: "comment.hide",
  params: pathParams.comment,
  body: hideCommentSchema,
  response: { status: 200, description: "The comment.", schema: dataOf(CommentSchema) },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/comments/{commentId}/history",
  tag: "Comments",
  summary: "Read a comment's earlier versions",
  permission: "comment.list",
  params: pathParams.comment,
  response: {
    status: 200,
    description: "Its versions' text, newest first.",
    schema: dataOf(z.array(z.object({ text: z.string(), createdAt: z.iso.datetime() }))),
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/notifications",
  tag: "Comments",
  summary: "List my notifications",
  permission: "notification.list",
  params: pathParams.workspace,
  query: notificationListQuerySchema,
  response: {
    status: 200,
    description: "My notifications, newest first, and how many are unread.",
    schema: dataOf(z.array(NotificationSchema)).extend({ unreadCount: z.number().int() }),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/notifications/read",
  tag: "Comments",
  summary: "Mark notifications read",
  description: "Some by `ids`, or `all: true`.",
  permission: "notification.list",
  params: pathParams.workspace,
  body: readNotificationsSchema,
  response: {
    status: 200,
    description: "How many stay unread.",
    schema: dataOf(z.object({ unreadCount: z.number().int() })),
  },
});
