// POST /api/workspaces/[workspaceId]/saved-searches/[savedSearchId]/open — mark a saved search opened (its new-match count restarts)
import { withAuth } from "@/lib/auth/with-auth";
import { openSavedSearch } from "@/lib/server/saved-searches/save-saved-search";

export const POST = withAuth(
  async ({ workspaceId, user, params }) =>
    Response.json({ data: await openSavedSearch({ workspaceId, userId: user.id, id: params.savedSearchId }) }),
  { permission: "search.read" },
);
