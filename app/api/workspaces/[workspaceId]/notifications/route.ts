// GET /api/workspaces/[workspaceId]/notifications — my inbox in this workspace, with the unread count
import { withAuth } from "@/lib/auth/with-auth";
import { findNotifications } from "@/lib/server/notifications/find-notifications";
import { notificationListQuerySchema } from "@/lib/validations/comment";

export const GET = withAuth(
  async ({ workspaceId, user, membership, req }) => {
    const query = notificationListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const viewer = { id: user.id, role: membership.role };
    const { items, unreadCount } = await findNotifications({ workspaceId, userId: user.id, viewer, ...query });
    return Response.json({ data: items, unreadCount });
  },
  { permission: "notification.list" },
);
