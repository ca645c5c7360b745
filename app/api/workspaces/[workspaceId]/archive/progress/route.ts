// GET /api/workspaces/[workspaceId]/archive/progress?key= — how far the caller's download of the workspace archive has got
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { readImportProgress } from "@/lib/server/imports/import-progress";
import { importProgressKeySchema } from "@/lib/validations/annotation-import";

const querySchema = z.object({ key: importProgressKeySchema });

export const GET = withAuth(
  async ({ req, user }) => {
    const { key } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({ data: readImportProgress(user.id, key) }, { headers: { "Cache-Control": "no-store" } });
  },
  { permission: "workspace.archive" },
);
