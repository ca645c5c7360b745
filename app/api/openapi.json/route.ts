// GET /api/openapi.json — the OpenAPI 3.1 document of the public API (generated from the zod schemas)
import { withAuth } from "@/lib/auth/with-auth";
import { acceptsGzip } from "@/lib/accepts-gzip";
import { openApiDocumentBytes } from "@/lib/openapi/document";

// Bytes encoded once per process; a response already encoded is sent as it is (no compression per request).
export const GET = withAuth(
  async ({ req }) => {
    const { json, gzip } = openApiDocumentBytes();
    const headers = { "content-type": "application/json", vary: "accept-encoding" };
    return acceptsGzip(req)
      ? new Response(new Uint8Array(gzip), { headers: { ...headers, "content-encoding": "gzip" } })
      : new Response(new Uint8Array(json), { headers });
  },
  { public: true },
);
