// GET /api/account/api-tokens — my API tokens of every workspace
import { withAuth } from "@/lib/auth/with-auth";
import { findApiTokens } from "@/lib/server/api-tokens/find-api-tokens";

export const GET = withAuth(async ({ user }) => Response.json({ data: await findApiTokens({ userId: user.id }) }), {
  user: true,
});
