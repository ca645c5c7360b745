// POST /api/workspaces/[workspaceId]/articles/[articleId]/annotations/batch — create several highlights, all or none
import { withAuth } from "@/lib/auth/with-auth";
import { createAnnotations } from "@/lib/server/annotations/create-annotation";
import { createAnnotationBatchSchema } from "@/lib/validations/annotation";

export const POST = withAuth(
  async ({ workspaceId, params, access, body }) => {
    const { items } = await body(createAnnotationBatchSchema);
    const data = await createAnnotations({ workspaceId, articleId: params.articleId, access, inputs: items });
    return Response.json({ data }, { status: 201 });
  },
  { permission: "annotation.create", checkedByWrite: true },
);
