// GET, POST /api/workspaces/[workspaceId]/saved-searches — the caller's saved searches with their new matches; save one
import { withAuth } from "@/lib/auth/with-auth";
import { findSavedSearches } from "@/lib/server/saved-searches/find-saved-searches";
import { createSavedSearch } from "@/lib/server/saved-searches/save-saved-search";
import { createSavedSearchSchema } from "@/lib/validations/saved-search";

export const GET = withAuth(
  async ({ workspaceId, user, membership }) =>
    Response.json({ data: await findSavedSearches({ workspaceId, viewer: { id: user.id, role: membership.role } }) }),
  { permission: "search.read" },
);

export const POST = withAuth(
  async ({ workspaceId, user, body }) => {
    const input = await body(createSavedSearchSchema);
    return Response.json({ data: await createSavedSearch({ workspaceId, userId: user.id, input }) }, { status: 201 });
  },
  { permission: "search.read" },
);
