// GET /api/workspaces/[workspaceId]/search/export — download the annotations a search lists (?q=…&format=…) as a streamed zip
import { withAuth } from "@/lib/auth/with-auth";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { exportResponse } from "@/lib/server/exports/export-response";
import { getWorkspaceName } from "@/lib/server/exports/export-rows";
import { findSearchAnnotationIds } from "@/lib/server/search/find-search-annotation-ids";
import { isEmptySearch, parseSearchQuery } from "@/lib/search/parse-query";
import { searchExportQuerySchema } from "@/lib/validations/search";

export const GET = withAuth(
  async ({ workspaceId, req, user, membership }) => {
    const parsed = searchExportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) {
      throw new AppError("BAD_REQUEST", "The export is not valid.", {
        details: { fieldErrors: zodFieldErrors(parsed.error) },
      });
    }
    const { q, format, untaggedLabel } = parsed.data;
    const query = parseSearchQuery(q);
    const [problem] = Object.values(query.errors);
    if (problem) throw new AppError("BAD_REQUEST", problem);
    if (isEmptySearch(query))
      throw new AppError("BAD_REQUEST", "Search for something first: the export takes its results.");
    const viewer = { id: user.id, role: membership.role };
    const annotationIds = await findSearchAnnotationIds({ workspaceId, viewer, query });
    const name = await getWorkspaceName(workspaceId);
    return exportResponse({
      req,
      workspaceId,
      query: { format, untaggedLabel },
      scope: { kind: "workspace", name: `${name} — search` },
      viewer,
      annotationIds,
    });
  },
  { permission: "annotation.export" },
);
