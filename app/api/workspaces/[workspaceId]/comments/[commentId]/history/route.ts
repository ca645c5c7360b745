// GET /api/workspaces/[workspaceId]/comments/[commentId]/history — a comment's earlier versions
import { withAuth } from "@/lib/auth/with-auth";
import { findCommentHistory } from "@/lib/server/comments/find-comment-history";

export const GET = withAuth(
  async ({ workspaceId, params }) =>
    Response.json({ data: await findCommentHistory({ workspaceId, commentId: params.commentId }) }),
  { permission: "comment.list" },
);
