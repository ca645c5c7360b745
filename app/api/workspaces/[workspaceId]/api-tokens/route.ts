// GET|POST /api/workspaces/[workspaceId]/api-tokens — my API tokens for the workspace; create one (its secret is in this answer only)
import { withAuth } from "@/lib/auth/with-auth";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { findApiTokens } from "@/lib/server/api-tokens/find-api-tokens";
import { createApiTokenSchema } from "@/lib/validations/api-token";

// A token cannot mint or list tokens: these routes take a session only.
export const GET = withAuth(
  async ({ workspaceId, user }) => Response.json({ data: await findApiTokens({ userId: user.id, workspaceId }) }),
  { permission: "apiToken.manage", apiToken: false },
);

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(createApiTokenSchema);
    return Response.json({ data: await createApiToken({ workspaceId, actorId: user.id, input }) }, { status: 201 });
  },
  { permission: "apiToken.manage", apiToken: false },
);
