// GET /api/workspaces/[workspaceId]/archive — download the whole workspace as one archive (zip of JSON Lines; owners)
import { withAuth } from "@/lib/auth/with-auth";
import { exportWorkspaceArchive } from "@/lib/server/archive/export-workspace-archive";
import { contentDisposition, pullStream } from "@/lib/server/exports/export-response";

export const GET = withAuth(
  async ({ workspaceId }) => {
    const archive = await exportWorkspaceArchive({ workspaceId });
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
