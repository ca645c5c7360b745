// POST /api/workspaces/[workspaceId]/annotations/review — one decision on many annotations, all or none
import { withAuth } from "@/lib/auth/with-auth";
import { reviewAnnotations } from "@/lib/server/reviews/review-annotations";
import { batchReviewSchema } from "@/lib/validations/review";

export const POST = withAuth(
  async ({ workspaceId, user, membership, body }) => {
    const input = await body(batchReviewSchema);
    const annotations = await reviewAnnotations({
      workspaceId,
      actor: { id: user.id, role: membership.role },
      items: input.items,
      decision: input.decision,
      reason: input.reason,
    });
    return Response.json({ data: annotations });
  },
  { permission: "annotation.review" },
);
