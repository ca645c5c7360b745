import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registry } from "@/lib/openapi/registry";
import "@/lib/openapi/routes";

type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of the public API, generated from the registry once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Marginalia API",
      version: "1.0.0",
      description: [
        "Read and write a workspace's articles, annotations and entities from scripts and other tools.",
        "Authenticate with a personal API token (Account → API tokens) as `Authorization: Bearer <token>`. A token belongs to one workspace (404 anywhere else), acts with its creator's current role, may only make GET requests unless its scope is READ_WRITE (403), and answers 401 as soon as it is revoked. Requests with a token are rate-limited per token (429 with `Retry-After`).",
        'Every error is `{ "error": { "code", "message", "details"? } }`. Offsets are UTF-16 code units into an article revision\'s canonical text, `end` exclusive.',
      ].join("\n\n"),
    },
    servers: [{ url: "/", description: "This Marginalia server" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  });
  return cached;
}

let encoded: Buffer | undefined;

/**
 * `openApiDocument()` as UTF-8 JSON, encoded once per process: the document
 * is about 250 KB, and serializing and encoding it per request cost the
 * request thread milliseconds each time (under load, most of its time went
 * there). The server compresses it in zlib's thread pool.
 */
export function openApiDocumentBytes(): Buffer {
  encoded ??= Buffer.from(JSON.stringify(openApiDocument()));
  return encoded;
}
