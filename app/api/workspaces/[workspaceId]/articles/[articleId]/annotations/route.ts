// GET|POST /api/workspaces/[workspaceId]/articles/[articleId]/annotations — list an article's annotations; create one
import { withAuth } from "@/lib/auth/with-auth";
import { IDEMPOTENCY_HEADER, idempotencyClaim, idempotent } from "@/lib/server/idempotency/idempotency";
import { createAnnotations } from "@/lib/server/annotations/create-annotation";
import { findAnnotations } from "@/lib/server/annotations/find-annotations";
import { annotationListQuerySchema, createAnnotationSchema } from "@/lib/validations/annotation";

export const GET = withAuth(
  async ({ workspaceId, params, req, user, membership }) => {
    const query = annotationListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const viewer = { id: user.id, role: membership.role };
    const { items, nextCursor } = await findAnnotations({ workspaceId, articleId: params.articleId, viewer, query });
    return Response.json({ data: items, nextCursor });
  },
  { permission: "annotation.list" },
);

export const POST = withAuth(
  async ({ req, workspaceId, params, access, body }) => {
    const input = await body(createAnnotationSchema);
    // Only a request with a key pays for the separate access check its claim needs.
    const claim = req.headers.has(IDEMPOTENCY_HEADER)
      ? idempotencyClaim(req, (await access.require()).user.id, input)
      : null;
    return idempotent(claim, async (claim) => {
      const [annotation] = await createAnnotations({
        workspaceId,
        articleId: params.articleId,
        access,
        inputs: [input],
        idempotency: claim && { claim, answer: ([created]) => ({ data: created }) },
      });
      return Response.json({ data: annotation }, { status: 201 });
    });
  },
  { permission: "annotation.create", checkedByWrite: true },
);
