// POST /api/workspaces/[workspaceId]/comments/[commentId]/restore — bring back one's own deleted comment
import { withAuth } from "@/lib/auth/with-auth";
import { setCommentDeleted } from "@/lib/server/comments/set-comment-deleted";

export const POST = withAuth(
  async ({ workspaceId, params, user }) =>
    Response.json({
      data: await setCommentDeleted({ workspaceId, commentId: params.commentId, actorId: user.id, deleted: false }),
    }),
  { permission: "comment.update" },
);
