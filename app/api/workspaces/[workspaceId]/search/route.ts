// GET /api/workspaces/[workspaceId]/search — search passages, annotations, comments, entities and titles, with facets
import { withAuth } from "@/lib/auth/with-auth";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { searchWorkspace } from "@/lib/server/search/search-workspace";
import { parseSearchQuery } from "@/lib/search/parse-query";
import { searchQuerySchema } from "@/lib/validations/search";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const parsed = searchQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) {
      throw new AppError("BAD_REQUEST", "The search is not valid.", {
        details: { fieldErrors: zodFieldErrors(parsed.error) },
      });
    }
    const { q, kind, limit, cursor } = parsed.data;
    const query = parseSearchQuery(q);
    if (Object.keys(query.errors).length) {
      const [message] = Object.values(query.errors);
      throw new AppError("BAD_REQUEST", message, {
        details: { fieldErrors: Object.fromEntries(Object.entries(query.errors).map(([k, v]) => [k, [v]])) },
      });
    }
    const result = await searchWorkspace({
      workspaceId,
      viewer: { id: user.id, role: membership.role },
      query,
      text: q,
      kind,
      limit,
      offset: cursor ? Number(cursor) : 0,
    });
    return Response.json(result);
  },
  { permission: "search.read" },
);
