// GET /api/health/ready — readiness for a load balancer: 200 when this instance can serve, else 503 naming the failed check
import { withAuth } from "@/lib/auth/with-auth";
import { checkReadiness } from "@/lib/server/health/check-readiness";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async () => {
    const { ready, checks } = await checkReadiness();
    return Response.json(
      { status: ready ? "ready" : "not ready", checks },
      { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
    );
  },
  { public: true, anonymous: true },
);
