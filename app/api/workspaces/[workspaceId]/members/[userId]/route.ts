// PATCH|DELETE /api/workspaces/[workspaceId]/members/[userId] — change a member's role; remove a member
import { withAuth } from "@/lib/auth/with-auth";
import { removeMember } from "@/lib/server/members/remove-member";
import { updateMemberRole } from "@/lib/server/members/update-member-role";
import { updateMemberSchema } from "@/lib/validations/workspace";

export const PATCH = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const { role } = await body(updateMemberSchema);
    return Response.json({
      data: await updateMemberRole({ workspaceId, actorId: user.id, userId: params.userId, role }),
    });
  },
  { permission: "member.manage" },
);

export const DELETE = withAuth(
  async ({ workspaceId, user, params }) => {
    await removeMember({ workspaceId, actorId: user.id, userId: params.userId });
    return new Response(null, { status: 204 });
  },
  { permission: "member.manage" },
);
