// GET /api/workspaces/[workspaceId]/dashboard — progress per article and analyst, annotations and reviews per day
import { withAuth } from "@/lib/auth/with-auth";
import { findDashboard } from "@/lib/server/dashboard/find-dashboard";

export const GET = withAuth(async ({ workspaceId }) => Response.json({ data: await findDashboard({ workspaceId }) }), {
  permission: "dashboard.read",
});
