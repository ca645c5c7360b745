// POST /api/workspaces/[workspaceId]/articles/clip — capture a web page (by URL, or its HTML from the extension) as an article
import { withAuth } from "@/lib/auth/with-auth";
import { can } from "@/lib/auth/permissions";
import { captureArticle } from "@/lib/server/capture/capture-article";
import { idempotencyClaim, idempotent } from "@/lib/server/idempotency/idempotency";
import { clipArticleSchema, MAX_CAPTURED_HTML_BYTES } from "@/lib/validations/capture";

export const POST = withAuth(
  async ({ req, workspaceId, user, membership, body }) => {
    const input = await body(clipArticleSchema, { maxBytes: MAX_CAPTURED_HTML_BYTES + 64 * 1024 });
    // The extension retries and a double click sends twice: one key, one article.
    return idempotent(idempotencyClaim(req, user.id, input), async (claim) => {
      const article = await captureArticle({
        workspaceId,
        actorId: user.id,
        input,
        canRevise: can(membership.role, "article.revise"),
        idempotency: claim,
      });
      return Response.json({ data: article }, { status: article.revision ? 200 : 201 });
    });
  },
  { permission: "article.import" },
);
