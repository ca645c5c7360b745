// GET /api/workspaces/[workspaceId]/review-queue — annotations awaiting review, with their paragraph
import { withAuth } from "@/lib/auth/with-auth";
import { findReviewQueue } from "@/lib/server/reviews/find-review-queue";
import { reviewQueueQuerySchema } from "@/lib/validations/review";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = reviewQueueQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const { items, nextCursor, total } = await findReviewQueue({ workspaceId, query });
    return Response.json({ data: items, nextCursor, total });
  },
  { permission: "annotation.review" },
);
