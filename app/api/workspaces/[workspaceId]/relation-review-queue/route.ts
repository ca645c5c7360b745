// GET /api/workspaces/[workspaceId]/relation-review-queue — relations awaiting review, with both ends' paragraphs
import { withAuth } from "@/lib/auth/with-auth";
import { findRelationReviewQueue } from "@/lib/server/reviews/find-relation-review-queue";
import { relationReviewQueueQuerySchema } from "@/lib/validations/review";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = relationReviewQueueQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const { items, nextCursor, total } = await findRelationReviewQueue({ workspaceId, query });
    return Response.json({ data: items, nextCursor, total });
  },
  { permission: "annotation.review" },
);
