// GET|POST /api/workspaces/[workspaceId]/relations/[relationId]/comments — a relation's thread; add a comment
import { withAuth } from "@/lib/auth/with-auth";
import { idempotencyClaim, idempotent } from "@/lib/server/idempotency/idempotency";
import { createComment } from "@/lib/server/comments/create-comment";
import { findThread } from "@/lib/server/comments/find-thread";
import { createCommentSchema, MAX_COMMENT_REQUEST_BYTES } from "@/lib/validations/comment";

export const GET = withAuth(
  async ({ workspaceId, params, user, membership }) =>
    Response.json({
      data: await findThread({
        workspaceId,
        thread: { relationId: params.relationId },
        viewer: { id: user.id, role: membership.role },
      }),
    }),
  { permission: "comment.list" },
);

export const POST = withAuth(
  async ({ req, workspaceId, params, user, membership, body }) => {
    const input = await body(createCommentSchema, { maxBytes: MAX_COMMENT_REQUEST_BYTES });
    return idempotent(idempotencyClaim(req, user.id), async (claim) => {
      const comment = await createComment({
        workspaceId,
        thread: { relationId: params.relationId },
        actorId: user.id,
        viewer: { id: user.id, role: membership.role },
        body: input.body,
        idempotency: claim,
      });
      return Response.json({ data: comment }, { status: 201 });
    });
  },
  { permission: "comment.create" },
);
