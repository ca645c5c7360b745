// DELETE /api/account/api-tokens/[tokenId] — revoke one of my API tokens (of any workspace, even one I have left)
import { withAuth } from "@/lib/auth/with-auth";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";

export const DELETE = withAuth(
  async ({ user, params }) =>
    Response.json({ data: await revokeApiToken({ userId: user.id, tokenId: params.tokenId }) }),
  { user: true },
);
