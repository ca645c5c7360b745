// GET /api/openapi.json — the OpenAPI 3.1 document of the public API (generated from the zod schemas)
import { withAuth } from "@/lib/auth/with-auth";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = withAuth(async () => Response.json(openApiDocument()), { public: true });
