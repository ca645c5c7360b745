// GET /api/workspaces/[workspaceId]/comments/[commentId]/history — a comment's earlier versions
import { withAuth } from "@/lib/auth/with-auth";
import { findCommentHistory } from "@/lib/server/comments/find-comment-history";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await findCommentHistory({
        workspaceId,
        commentId: params.commentId,
        viewer: { id: user.id, role: membership.role },
      }),
    }),
  { permission: "comment.list" },
);
