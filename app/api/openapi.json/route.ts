// GET /api/openapi.json — the OpenAPI 3.1 document of the public API (generated from the zod schemas)
import { withAuth } from "@/lib/auth/with-auth";
import { openApiDocumentBytes } from "@/lib/openapi/document";

// Bytes encoded once per process. Not gzipped here: the web server compresses every answer
// (scripts/compress-responses.mjs), and Next.js drops a route's Content-Encoding, so a body
// gzipped here was gzipped a second time (clients then read gzip bytes as JSON).
export const GET = withAuth(
  async () => new Response(new Uint8Array(openApiDocumentBytes()), { headers: { "content-type": "application/json" } }),
  { public: true },
);
