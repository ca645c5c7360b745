// GET /api/metrics — Prometheus metrics of this instance; only with `Authorization: Bearer $METRICS_TOKEN` (404 while unset)
import { withAuth } from "@/lib/auth/with-auth";
import { authorizeMetricsScrape } from "@/lib/auth/metrics-token";
import { metrics } from "@/lib/observability/metrics.mjs";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async ({ req }) => {
    authorizeMetricsScrape(req.headers.get("authorization"));
    const { registry } = metrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  },
  { public: true, anonymous: true },
);
