// PATCH, DELETE /api/workspaces/[workspaceId]/saved-searches/[savedSearchId] — rename or delete one of the caller's saved searches
import { withAuth } from "@/lib/auth/with-auth";
import { deleteSavedSearch, renameSavedSearch } from "@/lib/server/saved-searches/save-saved-search";
import { updateSavedSearchSchema } from "@/lib/validations/saved-search";

export const PATCH = withAuth(
  async ({ workspaceId, user, params, body }) => {
    const { name } = await body(updateSavedSearchSchema);
    return Response.json({
      data: await renameSavedSearch({ workspaceId, userId: user.id, id: params.savedSearchId, name }),
    });
  },
  { permission: "search.read" },
);

export const DELETE = withAuth(
  async ({ workspaceId, user, params }) => {
    await deleteSavedSearch({ workspaceId, userId: user.id, id: params.savedSearchId });
    return new Response(null, { status: 204 });
  },
  { permission: "search.read" },
);
