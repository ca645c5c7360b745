// GET /api/health — liveness: 200 while this process serves requests (no database access, no sign-in)
import { withAuth } from "@/lib/auth/with-auth";

export const dynamic = "force-dynamic";

export const GET = withAuth(() => Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }), {
  public: true,
  anonymous: true,
});
