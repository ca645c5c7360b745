// POST /api/workspaces/[workspaceId]/comments/[commentId]/hide — a lead hides an abusive comment, or shows it again
import { withAuth } from "@/lib/auth/with-auth";
import { setCommentHidden } from "@/lib/server/comments/set-comment-hidden";
import { hideCommentSchema } from "@/lib/validations/comment";

export const POST = withAuth(
  async ({ workspaceId, params, user, body }) => {
    const { hidden } = await body(hideCommentSchema);
    return Response.json({
      data: await setCommentHidden({ workspaceId, commentId: params.commentId, actorId: user.id, hidden }),
    });
  },
  { permission: "comment.hide" },
);
