// GET /api/workspaces/[workspaceId]/articles/[articleId]/revisions/[number]/text — a revision's canonical text (the source W3C exports target)
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { getRevision } from "@/lib/server/articles/find-revisions";

const revisionNumber = z.coerce.number().int().min(1).max(1_000_000);

export const GET = withAuth(
  async ({ workspaceId, params }) => {
    const revision = await getRevision({
      workspaceId,
      articleId: params.articleId,
      number: revisionNumber.parse(params.number),
    });
    return new Response(revision.text, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "x-content-type-options": "nosniff",
        // A revision's text never changes.
        "cache-control": "private, max-age=31536000, immutable",
      },
    });
  },
  { permission: "article.read" },
);
