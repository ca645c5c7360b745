// POST /api/workspaces/[workspaceId]/annotations/[annotationId]/thread — resolve or reopen a discussion
import { withAuth } from "@/lib/auth/with-auth";
import { setThreadResolved } from "@/lib/server/comments/set-thread-resolved";
import { threadStateSchema } from "@/lib/validations/comment";

export const POST = withAuth(
  async ({ workspaceId, params, user, membership, body }) => {
    const { resolved } = await body(threadStateSchema);
    const thread = await setThreadResolved({
      workspaceId,
      thread: { annotationId: params.annotationId },
      actorId: user.id,
      viewer: { id: user.id, role: membership.role },
      resolved,
    });
    return Response.json({ data: thread });
  },
  { permission: "thread.resolve" },
);
