// POST /api/workspaces/[workspaceId]/articles/[articleId]/annotations/import — import a W3C, Hypothesis or brat file of annotations (or preview it)
import { withAuth } from "@/lib/auth/with-auth";
import { idempotencyClaim, idempotent } from "@/lib/server/idempotency/idempotency";
import { importAnnotations } from "@/lib/server/imports/import-annotations";
import { importProgressReporter } from "@/lib/server/imports/import-progress";
import { readImportUpload } from "@/lib/server/imports/read-import-upload";
import { importOptionsSchema } from "@/lib/validations/annotation-import";

export const POST = withAuth(
  async ({ req, workspaceId, params, user, membership }) => {
    const upload = await readImportUpload(req);
    const options = importOptionsSchema.parse(upload.fields);
    const claim = options.preview ? null : idempotencyClaim(req, user.id);
    const onProgress = importProgressReporter(user.id, options.progressKey);
    try {
      const response = await idempotent(claim, async (claim) => {
        const data = await importAnnotations({
          workspaceId,
          articleId: params.articleId,
          actor: { id: user.id, role: membership.role },
          upload,
          options,
          idempotency: claim,
          onProgress,
        });
        return Response.json({ data }, { status: data.committed ? 201 : 200 });
      });
      onProgress({ phase: "done", done: 0, total: 0 });
      return response;
    } catch (err) {
      onProgress({ phase: "failed", done: 0, total: 0 });
      throw err;
    }
  },
  { permission: "annotation.import" },
);
