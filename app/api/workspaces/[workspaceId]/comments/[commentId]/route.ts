// PATCH|DELETE /api/workspaces/[workspaceId]/comments/[commentId] — edit or delete one's own comment
import { withAuth } from "@/lib/auth/with-auth";
import { editComment } from "@/lib/server/comments/edit-comment";
import { setCommentDeleted } from "@/lib/server/comments/set-comment-deleted";
import { MAX_COMMENT_REQUEST_BYTES, updateCommentSchema } from "@/lib/validations/comment";

export const PATCH = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(updateCommentSchema, { maxBytes: MAX_COMMENT_REQUEST_BYTES });
    const comment = await editComment({
      workspaceId,
      commentId: params.commentId,
      actor: { id: user.id, role: membership.role },
      version: input.version,
      body: input.body,
    });
    return Response.json({ data: comment });
  },
  { permission: "comment.update" },
);

export const DELETE = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await setCommentDeleted({
        workspaceId,
        commentId: params.commentId,
        actor: { id: user.id, role: membership.role },
        deleted: true,
      }),
    }),
  { permission: "comment.update" },
);
