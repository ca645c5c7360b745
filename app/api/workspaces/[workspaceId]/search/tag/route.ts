// POST /api/workspaces/[workspaceId]/search/tag — tag a passage search's matches as an entity (or preview the count)
import { withAuth } from "@/lib/auth/with-auth";
import { AppError } from "@/lib/errors";
import { previewTagSearchMatches, tagSearchMatches } from "@/lib/server/search/tag-search-matches";
import { parseSearchQuery } from "@/lib/search/parse-query";
import { tagSearchSchema } from "@/lib/validations/search";

export const POST = withAuth(
  async ({ workspaceId, user, membership, body }) => {
    const input = await body(tagSearchSchema);
    const query = parseSearchQuery(input.q);
    const [problem] = Object.values(query.errors);
    if (problem) throw new AppError("BAD_REQUEST", problem);
    if (!query.groups.length && !query.filters.entity.length) {
      throw new AppError("BAD_REQUEST", "Search for words or an entity first: tagging needs something to tag.");
    }
    const viewer = { id: user.id, role: membership.role };
    const options = { workspaceId, viewer, query, passageIds: input.passageIds };
    if (input.preview) return Response.json({ data: await previewTagSearchMatches(options) });
    const data = await tagSearchMatches({ ...options, entityId: input.entityId });
    return Response.json({ data }, { status: 201 });
  },
  { permission: "annotation.create" },
);
