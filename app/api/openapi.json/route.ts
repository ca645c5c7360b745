// GET /api/openapi.json — the OpenAPI 3.1 document of the public API (generated from the zod schemas)
import { withAuth } from "@/lib/auth/with-auth";
import { openApiDocumentBytes } from "@/lib/openapi/document";

/** True when the client takes gzip (`Accept-Encoding`, without `gzip;q=0`). */
function acceptsGzip(req: Request): boolean {
  return (req.headers.get("accept-encoding") ?? "")
    .split(",")
    .some((part) => /^\s*(gzip|\*)\s*(;\s*q=(?!0(\.0*)?\s*$)[\d.]+\s*)?$/i.test(part));
}

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
