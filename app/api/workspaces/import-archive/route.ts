// POST /api/workspaces/import-archive — create a new workspace from a workspace archive (the zip as the request body)
import { withAuth } from "@/lib/auth/with-auth";
import { AppError } from "@/lib/errors";
import { importWorkspaceArchive } from "@/lib/server/archive/import-workspace-archive";
import { withUploadedFile } from "@/lib/server/archive/save-upload";
import { importProgressReporter } from "@/lib/server/imports/import-progress";
import { archiveImportQuerySchema } from "@/lib/validations/workspace-archive";

/** Largest archive accepted, in bytes (a 100,000-annotation workspace archives to a few tens of MB). */
const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3;
const ZIP_TYPES = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

export const POST = withAuth(
  async ({ req, user }) => {
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!ZIP_TYPES.includes(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the archive as the body, with Content-Type: application/zip.");
    }
    const { progressKey } = archiveImportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const onProgress = importProgressReporter(user.id, progressKey);
    try {
      const result = await withUploadedFile(req, MAX_ARCHIVE_BYTES, (path) =>
        importWorkspaceArchive({ userId: user.id, path, onProgress: progressKey ? onProgress : undefined }),
      );
      onProgress({ phase: "done", done: 0, total: 0 });
      return Response.json({ data: result }, { status: 201 });
    } catch (err) {
      onProgress({ phase: "failed", done: 0, total: 0 });
      throw err;
    }
  },
  { user: true },
);
