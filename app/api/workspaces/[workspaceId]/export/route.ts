// GET /api/workspaces/[workspaceId]/export — download the workspace's annotations (?format=…, filters) as a streamed zip
import { withAuth } from "@/lib/auth/with-auth";
import { exportResponse } from "@/lib/server/exports/export-response";
import { getWorkspaceName } from "@/lib/server/exports/export-rows";
import { exportQuerySchema } from "@/lib/validations/export";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const query = exportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const name = await getWorkspaceName(workspaceId);
    return exportResponse({
      req,
      workspaceId,
      query,
      scope: { kind: "workspace", name },
      viewer: { id: user.id, role: membership.role },
    });
  },
  { permission: "annotation.export" },
);
