// GET /api/workspaces/[workspaceId]/activity — the workspace's activity log, newest first
import { withAuth } from "@/lib/auth/with-auth";
import { findActivity } from "@/lib/server/activity/find-activity";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";
import { activityQuerySchema } from "@/lib/validations/activity";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const query = activityQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const visibility = await findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: membership.role } });
    const { items, nextCursor } = await findActivity({ workspaceId, visibility, ...query });
    return Response.json({ data: items, nextCursor });
  },
  { permission: "activity.read" },
);
