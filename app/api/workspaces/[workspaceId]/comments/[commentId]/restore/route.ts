// POST /api/workspaces/[workspaceId]/comments/[commentId]/restore — bring back one's own deleted comment
import { withAuth } from "@/lib/auth/with-auth";
import { setCommentDeleted } from "@/lib/server/comments/set-comment-deleted";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await setCommentDeleted({
        workspaceId,
        commentId: params.commentId,
        actor: { id: user.id, role: membership.role },
        deleted: false,
      }),
    }),
  { permission: "comment.update" },
);
