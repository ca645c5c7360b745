// POST /api/workspaces/[workspaceId]/notifications/read — mark some or all of my notifications read
import { withAuth } from "@/lib/auth/with-auth";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { readNotificationsSchema } from "@/lib/validations/comment";

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(readNotificationsSchema);
    const result = await markNotificationsRead({
      workspaceId,
      userId: user.id,
      ids: "all" in input ? "all" : input.ids,
    });
    return Response.json({ data: result });
  },
  { permission: "notification.list" },
);
