// GET /api/workspaces/[workspaceId]/search/suggest — what the command palette offers as a query is typed
import { withAuth } from "@/lib/auth/with-auth";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { suggestSearch } from "@/lib/server/search/suggest-search";
import { searchSuggestQuerySchema } from "@/lib/validations/search";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const parsed = searchSuggestQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) {
      throw new AppError("BAD_REQUEST", "The search is not valid.", {
        details: { fieldErrors: zodFieldErrors(parsed.error) },
      });
    }
    const result = await suggestSearch({
      workspaceId,
      viewer: { id: user.id, role: membership.role },
      text: parsed.data.q,
      part: parsed.data.part,
    });
    return Response.json(result);
  },
  { permission: "search.read" },
);
