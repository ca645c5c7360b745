// POST /api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch — create several highlights, all or none
import { withAuth } from "@/lib/auth/with-auth";
import { IDEMPOTENCY_HEADER, idempotencyClaim, idempotent } from "@/lib/server/idempotency/idempotency";
import { createAnnotations } from "@/lib/server/annotations/create-annotation";
import { createAnnotationBatchSchema } from "@/lib/validations/annotation";

export const POST = withAuth(
  async ({ req, workspaceId, params, access, body }) => {
    const { items } = await body(createAnnotationBatchSchema);
    const claim = req.headers.has(IDEMPOTENCY_HEADER)
      ? idempotencyClaim(req, (await access.require()).user.id, items)
      : null;
    return idempotent(claim, async (claim) => {
      const data = await createAnnotations({
        workspaceId,
        articleId: params.articleId,
        access,
        inputs: items,
        idempotency: claim && { claim, answer: (created) => ({ data: created }) },
      });
      return Response.json({ data }, { status: 201 });
    });
  },
  { permission: "annotation.create", checkedByWrite: true },
);
