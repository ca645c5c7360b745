// GET /api/workspaces/[workspaceId]/members — list members
import { withAuth } from "@/lib/auth/with-auth";
import { findMembers } from "@/lib/server/members/find-members";

export const GET = withAuth(async ({ workspaceId }) => Response.json({ data: await findMembers({ workspaceId }) }), {
  permission: "member.list",
});
