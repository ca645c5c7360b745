// POST /api/workspaces/[workspaceId]/search/tag/undo — take back a tag-all (the caller's annotations it created)
import { withAuth } from "@/lib/auth/with-auth";
import { undoTagSearchMatches } from "@/lib/server/search/tag-search-matches";
import { undoTagSearchSchema } from "@/lib/validations/search";

export const POST = withAuth(
  async ({ workspaceId, user, membership, body }) => {
    const { ids } = await body(undoTagSearchSchema);
    const data = await undoTagSearchMatches({ workspaceId, viewer: { id: user.id, role: membership.role }, ids });
    return Response.json({ data });
  },
  { permission: "annotation.create" },
);
