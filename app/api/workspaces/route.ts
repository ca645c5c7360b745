// GET|POST /api/workspaces — my workspaces (an API token: its workspace); create one
import { withAuth } from "@/lib/auth/with-auth";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { findWorkspaces } from "@/lib/server/workspaces/find-workspaces";
import { createWorkspaceSchema } from "@/lib/validations/workspace";

// An API token sees its own workspace only.
export const GET = withAuth(
  async ({ user, apiToken }) =>
    Response.json({ data: await findWorkspaces({ userId: user.id, workspaceId: apiToken?.workspaceId }) }),
  { user: true, apiToken: true },
);

export const POST = withAuth(
  async ({ user, body }) => {
    const { name } = await body(createWorkspaceSchema);
    return Response.json({ data: await createWorkspace({ userId: user.id, name }) }, { status: 201 });
  },
  { user: true },
);
