// GET /api/workspaces/[workspaceId]/annotations — the workspace's annotations across articles (filters, cursor pages)
import { withAuth } from "@/lib/auth/with-auth";
import { findWorkspaceAnnotations } from "@/lib/server/annotations/find-workspace-annotations";
import { workspaceAnnotationListQuerySchema } from "@/lib/validations/annotation";

export const GET = withAuth(
  async ({ workspaceId, req }) => {
    const query = workspaceAnnotationListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const { items, nextCursor } = await findWorkspaceAnnotations({ workspaceId, query });
    return Response.json({ data: items, nextCursor });
  },
  { permission: "annotation.list" },
);
