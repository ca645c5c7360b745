// GET /api/workspaces/[workspaceId]/activity/export — the activity log as JSON Lines for a SIEM (owner; `from`/`to` UTC days)
import { withAuth } from "@/lib/auth/with-auth";
import { exportActivity } from "@/lib/server/activity/export-activity";
import { activityExportQuerySchema } from "@/lib/validations/activity";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = activityExportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const range = [query.from, query.to].filter(Boolean).join("_to_") || "all";
    return new Response(exportActivity({ workspaceId, ...query }), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="activity-${workspaceId}-${range}.jsonl"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "activity.export" },
);
