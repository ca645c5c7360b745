// POST /api/workspaces/[workspaceId]/annotations/[annotationId]/review — accept, reject (with a reason) or undo a decision
import { withAuth } from "@/lib/auth/with-auth";
import { reviewAnnotations } from "@/lib/server/reviews/review-annotations";
import { reviewSchema } from "@/lib/validations/review";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const input = await body(reviewSchema);
    const [annotation] = await reviewAnnotations({
      workspaceId,
      actor: { id: user.id, role: membership.role },
      items: [{ id: params.annotationId, version: input.version }],
      decision: input.decision,
      reason: input.reason,
    });
    return Response.json({ data: annotation });
  },
  { permission: "annotation.review" },
);
