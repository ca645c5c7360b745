// POST /api/workspaces/[workspaceId]/relations/[relationId]/review — accept, reject (with a reason) or undo a decision
import { withAuth } from "@/lib/auth/with-auth";
import { reviewRelation } from "@/lib/server/relations/review-relations";
import { reviewSchema } from "@/lib/validations/review";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(reviewSchema);
    const actor = { id: user.id, role: membership.role };
    return Response.json({
      data: await reviewRelation({ workspaceId, relationId: params.relationId, actor, item: input }),
    });
  },
  { permission: "annotation.review" },
);
