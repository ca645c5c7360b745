// GET /api/workspaces/import-archive/progress?key= — how far the caller's workspace archive import has got
import { withAuth } from "@/lib/auth/with-auth";
import { readImportProgress } from "@/lib/server/imports/import-progress";
import { importProgressKeySchema } from "@/lib/validations/annotation-import";
import { z } from "zod";

const querySchema = z.object({ key: importProgressKeySchema });

export const GET = withAuth(
  async ({ req, user }) => {
    const { key } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({ data: readImportProgress(user.id, key) }, { headers: { "Cache-Control": "no-store" } });
  },
  { user: true },
);
