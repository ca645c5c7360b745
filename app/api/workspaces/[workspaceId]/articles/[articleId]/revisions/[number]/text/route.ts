// GET /api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text — a revision's canonical text (the source W3C exports target)
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { getRevision } from "@/lib/server/articles/find-revisions";

const revisionNumber = z.coerce.number().int().min(1).max(1_000_000);

export const GET = withAuth(
  async ({ req, workspaceId, params }) => {
    const revision = await getRevision({
      workspaceId,
      articleId: params.articleId,
      number: revisionNumber.parse(params.number),
    });
    // A revision's text never changes, but access to it can be lost: a cached copy is revalidated
    // on every use (which checks access again) and then costs a 304 instead of the text.
    const headers = {
      "cache-control": "private, no-cache",
      etag: `"${revision.id}"`,
      "x-content-type-options": "nosniff",
    };
    const known = req.headers
      .get("if-none-match")
      ?.split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""));
    if (known?.includes(headers.etag) || known?.includes("*")) return new Response(null, { status: 304, headers });
    return new Response(revision.text, { headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  },
  { permission: "article.read" },
);
