import { extendZodWithOpenApi, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

// Adds .openapi() to zod schemas made from here on (shared schemas made before are cloned in component()).
extendZodWithOpenApi(z);

/**
 * The one OpenAPI registry. Each area registers its routes once, in a module
 * of lib/openapi/routes/ listed in routes/index.ts, from the same zod schemas
 * the route handlers parse with (lib/validations); document.ts turns it into
 * the OpenAPI 3.1 document served at /api/openapi.json.
 */
export const registry = new OpenAPIRegistry();

registry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "mrg_…",
  description:
    "A personal API token (Account → API tokens). It acts for its creator in one workspace, with at most their role there; a READ token may only make GET requests.",
});
registry.registerComponent("securitySchemes", "sessionCookie", {
  type: "apiKey",
  in: "cookie",
  name: "next-auth.session-token",
  description: "The browser session of the web app (signed in at /signin).",
});

/** Registers a shared schema as the named component `name` and returns the schema to use in routes. */
export function component<S extends z.ZodType>(name: string, schema: S): S {
  // .openapi() exists only on schemas built after extendZodWithOpenApi; a clone is one.
  return registry.register(name, schema.clone() as S);
}

export const ErrorSchema = registry.register(
  "Error",
  z.object({
    error: z.object({
      code: z.enum([
        "BAD_REQUEST",
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "CONFLICT",
        "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE",
        "UNPROCESSABLE",
        "RATE_LIMITED",
        "INTERNAL",
        "UNAVAILABLE",
      ]),
      message: z.string().openapi({ description: "A sentence for people; never internals." }),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .openapi({ description: "E.g. `fieldErrors` (field → messages) for 422, `retryAfter` (seconds) for 429." }),
    }),
  }),
);

/** A file's bytes, for `contentTypes` of a download. */
export const binary = z.string().openapi({ format: "binary" });

/** `{ data: schema }`, the shape of every single-item answer. */
export const dataOf = <S extends z.ZodType>(schema: S) => z.object({ data: schema });

/** `{ data: [...], nextCursor }`: pass `nextCursor` back as `cursor` for the next page; null on the last one. */
export const pageOf = <S extends z.ZodType>(schema: S) =>
  z.object({
    data: z.array(schema),
    nextCursor: z.string().nullable().openapi({ description: "The `cursor` of the next page; null on the last page." }),
  });

const errorDescriptions: Record<number, string> = {
  400: "Malformed request (e.g. a body that is not JSON).",
  401: "No valid session or API token (unknown, revoked, or its user disabled).",
  403: "The role may not do this, or a READ token tried to write, or the route does not take API tokens.",
  404: "Not found, or outside the caller's workspace (never told apart).",
  409: "Conflict: a stale `version` or revision.",
  413: "The body is too large.",
  422: "Invalid input; `details.fieldErrors` names the fields.",
  429: "Rate limited (API tokens: `API_RATE_LIMIT` requests per `API_RATE_LIMIT_WINDOW` seconds); see `Retry-After`.",
  503: "The database cannot be reached right now; retry after `Retry-After` seconds.",
};

export type ApiRouteSpec = {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI path, e.g. /api/workspaces/{workspaceId}/articles. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The permission of lib/auth/permissions.ts the route's withAuth names; "user" for a signed-in user's own routes. */
  permission: Permission | "user" | "public";
  /** Whether `Authorization: Bearer` is accepted (withAuth's `apiToken`); workspace routes by default. */
  apiToken?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body other than JSON (uploads): media type → schema, instead of `body`. */
  bodyContentTypes?: Record<string, z.ZodType>;
  /**
   * The success answer: status, what it is, and its schema (none for 204).
   * `contentTypes` for files (e.g. `{ "text/csv": z.string(), "application/zip": binary }`) instead of JSON.
   */
  response: {
    status: 200 | 201 | 204;
    description: string;
    schema?: z.ZodType;
    contentTypes?: Record<string, z.ZodType>;
  };
  /** Error statuses besides those that follow from the above (401, 403, 404, 422, 429). */
  errors?: number[];
  /** Whether the route takes an `Idempotency-Key` header (creating routes; see lib/server/idempotency). */
  idempotent?: boolean;
};

/** The `Idempotency-Key` request header of creating routes. */
const idempotencyHeaders = z.object({
  "Idempotency-Key": z.string().min(1).max(255).optional().openapi({
    description:
      "One key per user action (e.g. a UUID), 1–255 visible ASCII characters. A repeat of the request with the same key by the same user within 24 hours creates nothing and answers the first answer again (with `Idempotent-Replayed: true`), even when the repeats arrive at once. The same key on another route, or with a different body, answers 422; a repeat while the first is still running waits for it.",
  }),
});

/** Registers one route of the API, with the errors withAuth answers for it. */
export function apiRoute(spec: ApiRouteSpec): void {
  const workspaceRoute = spec.permission !== "user" && spec.permission !== "public";
  const tokens = spec.apiToken ?? workspaceRoute;
  const statuses = new Set<number>(spec.errors ?? []);
  if (spec.permission !== "public") statuses.add(401);
  if (workspaceRoute) statuses.add(403).add(404);
  if (tokens) statuses.add(403).add(429);
  const hasBody = Boolean(spec.body || spec.bodyContentTypes);
  if (hasBody || spec.query) statuses.add(422);
  if (hasBody) statuses.add(400);
  statuses.add(503);
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {
    [spec.response.status]: {
      description: spec.response.description,
      ...(spec.response.contentTypes
        ? {
            content: Object.fromEntries(
              Object.entries(spec.response.contentTypes).map(([type, schema]) => [type, { schema }]),
            ),
          }
        : spec.response.schema
          ? { content: { "application/json": { schema: spec.response.schema } } }
          : {}),
    },
  };
  for (const status of [...statuses].sort()) {
    responses[status] = {
      description: errorDescriptions[status] ?? "Error.",
      content: { "application/json": { schema: ErrorSchema } },
    };
  }
  const access =
    spec.permission === "public"
      ? "No sign-in needed."
      : spec.permission === "user"
        ? "Any signed-in user."
        : `Needs the \`${spec.permission}\` permission in the workspace.`;
  registry.registerPath({
    method: spec.method,
    path: spec.path,
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, access, tokens ? null : "Not available to API tokens (session only)."]
      .filter(Boolean)
      .join("\n\n"),
    security:
      spec.permission === "public"
        ? []
        : tokens
          ? [{ bearerAuth: [] }, { sessionCookie: [] }]
          : [{ sessionCookie: [] }],
    "x-permission": spec.permission,
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.idempotent ? { headers: idempotencyHeaders } : {}),
      ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
      ...(spec.bodyContentTypes
        ? {
            body: {
              required: true,
              content: Object.fromEntries(
                Object.entries(spec.bodyContentTypes).map(([type, schema]) => [type, { schema }]),
              ),
            },
          }
        : {}),
    },
    responses,
  });
}
