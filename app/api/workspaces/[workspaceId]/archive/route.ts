// GET /api/workspaces/[workspaceId]/archive — download the whole workspace as one archive (zip of JSON Lines; owners)
import { withAuth } from "@/lib/auth/with-auth";
import { exportWorkspaceArchive } from "@/lib/server/archive/export-workspace-archive";
import { contentDisposition, pullStream } from "@/lib/server/exports/export-response";
import { importProgressReporter } from "@/lib/server/imports/import-progress";
import { archiveExportQuerySchema } from "@/lib/validations/workspace-archive";

export const GET = withAuth(
  async ({ req, user, workspaceId }) => {
    const { progressKey } = archiveExportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const archive = await exportWorkspaceArchive({
      workspaceId,
      onProgress: progressKey ? importProgressReporter(user.id, progressKey) : undefined,
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(pullStream(archive.body), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": contentDisposition(`${archive.name} archive ${day}.zip`),
        "cache-control": "no-store",
      },
    });
  },
  { permission: "workspace.archive" },
);
