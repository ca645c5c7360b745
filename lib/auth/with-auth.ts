import "server-only";
import type { z } from "zod";
import type { Membership } from "@/lib/auth/access";
import {
  authenticateApiToken,
  bearerToken,
  isReadMethod,
  requireTokenAccess,
  type ApiTokenUse,
} from "@/lib/auth/api-token";
import type { Permission } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/session-member";
import { cookieHeaderGetter, sessionClaims, userFromCookies, type SessionUser } from "@/lib/auth/session";
import { assertJsonContentType, assertSameOriginRequest } from "@/lib/auth/csrf";
import { consumeApiRequest } from "@/lib/auth/rate-limit";
import { createTokenWriteAccess, createWriteAccess, type WriteAccess } from "@/lib/auth/write-access";
import { AppError } from "@/lib/errors";
import { errorResponse, routeTemplate, withRequestId } from "@/lib/observability/route-observability";
import { attachedRequestContext, requestIdFrom, type RequestContext } from "@/lib/observability/request-context.mjs";
import { isNestedDeeperThan } from "@/lib/validations/storable";

/** Marks every handler built here, so a test can prove that no route skips it. */
export const AUTH_WRAPPED = Symbol.for("marginalia.withAuth");

type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

type BaseContext = {
  req: Request;
  params: Record<string, string>;
  /** The context Next.js passed, for handlers that delegate (next-auth). */
  routeContext: RouteContext;
  /**
   * Parses the JSON body with `schema`: 400 for malformed JSON, 413 past `maxBytes` (1 MB), 415 for a
   * body not sent as `application/json` (except with an API token), 422 with field errors.
   */
  body<S extends z.ZodType>(schema: S, options?: { maxBytes?: number }): Promise<z.infer<S>>;
};

export type PublicContext = BaseContext & { user: SessionUser | null };
/** `apiToken` is set when the request came with `Authorization: Bearer` instead of a session cookie. */
export type UserContext = BaseContext & { user: SessionUser; apiToken?: ApiTokenUse };
export type MemberContext = UserContext & { membership: Membership; workspaceId: string };
export type WriteContext = BaseContext & { access: WriteAccess; workspaceId: string };

/**
 * Workspace routes (`permission`) also take personal API tokens
 * (`Authorization: Bearer`) unless they say `apiToken: false`; user routes
 * only when they say `apiToken: true`. See requireTokenAccess for the rules.
 */
type Options =
  /** `anonymous`: the session is not even looked up (health checks answer without the database). */
  | { public: true; anonymous?: true }
  | { permission: Permission; apiToken?: false }
  /**
   * The handler's one write statement checks session, membership and role
   * itself (see WriteAccess) and falls back to `access.require()` when it
   * wrote nothing. Whatever the handler throws before either, the caller
   * gets 401/404/403 first if that is the answer.
   */
  | { permission: Permission; checkedByWrite: true }
  /** Any signed-in user; for routes outside a workspace (own account, own workspaces). */
  | { user: true; apiToken?: true };

type HandlerFor<O> = O extends { public: true }
  ? (ctx: PublicContext) => Promise<Response> | Response
  : O extends { checkedByWrite: true }
    ? (ctx: WriteContext) => Promise<Response> | Response
    : O extends { permission: Permission }
      ? (ctx: MemberContext) => Promise<Response> | Response
      : (ctx: UserContext) => Promise<Response> | Response;

export type WrappedHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { [AUTH_WRAPPED]: true };

const MAX_JSON_BYTES = 1_000_000;

async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
  requireJsonType = true,
): Promise<z.infer<S>> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  }
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The client went away mid-body (its socket reset): not the database's fault, nor ours.
    throw new AppError("BAD_REQUEST", "The request body was not received in full. Try again.");
  }
  if (text.length > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  if (requireJsonType) assertJsonContentType(req, text);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  // Recursive schemas (documents) would overflow the stack on a body nested thousands deep.
  if (isNestedDeeperThan(json)) throw new AppError("UNPROCESSABLE", "The request body is nested too deeply.");
  return schema.parse(json);
}

/** Runs a `checkedByWrite` handler: its answer stands only once session and membership were checked. */
async function runCheckedByWrite(handler: HandlerFor<{ checkedByWrite: true }>, ctx: WriteContext): Promise<Response> {
  let response: Response;
  try {
    response = await handler(ctx);
  } catch (err) {
    // Nothing about a workspace (not even that a body is invalid) is told to someone who may not be in it.
    if (!ctx.access.checked) await ctx.access.require();
    throw err;
  }
  if (!ctx.access.checked) throw new Error("withAuth: a checkedByWrite handler answered without checking access");
  return response;
}

function stringParams(raw: RouteParams): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
}

/**
 * A request with `Authorization: Bearer <token>`: the token is checked on
 * every request (401 unknown or revoked), counted against its rate limit
 * (429), then held to the route's workspace, the token's scope and its
 * user's role there (404, 403), as requireTokenAccess says.
 */
async function runWithApiToken<O extends Options>(
  handler: HandlerFor<O>,
  options: O,
  base: BaseContext,
  bearer: string,
  context: RequestContext,
): Promise<Response> {
  const method = base.req.method.toUpperCase();
  const auth = await authenticateApiToken(bearer);
  Object.assign(context, { userId: auth.user.id, workspaceId: base.params.workspaceId || undefined });
  await consumeApiRequest(auth.token.id);
  if ("permission" in options) {
    if ("apiToken" in options && options.apiToken === false) {
      throw new AppError("FORBIDDEN", "This route does not accept API tokens.");
    }
    const workspaceId = base.params.workspaceId;
    if (!workspaceId) throw new Error("withAuth: a permission route needs a [workspaceId] segment");
    const member = requireTokenAccess(auth, workspaceId, options.permission, method);
    if ("checkedByWrite" in options) {
      const recheck = async () =>
        requireTokenAccess(await authenticateApiToken(bearer), workspaceId, options.permission, method);
      const access = createTokenWriteAccess(member, auth.token.id, options.permission, recheck);
      return await runCheckedByWrite(handler as HandlerFor<{ checkedByWrite: true }>, {
        ...base,
        access,
        workspaceId,
      });
    }
    return await (handler as HandlerFor<{ permission: Permission }>)({
      ...base,
      ...member,
      apiToken: auth.token,
      workspaceId,
    });
  }
  if (!("apiToken" in options) || options.apiToken !== true) {
    throw new AppError("FORBIDDEN", "This route does not accept API tokens.");
  }
  if (auth.token.scope !== "READ_WRITE" && !isReadMethod(method)) {
    throw new AppError("FORBIDDEN", "This API token may only read.");
  }
  return await (handler as HandlerFor<{ user: true }>)({ ...base, user: auth.user, apiToken: auth.token });
}

/**
 * Wraps a route handler: resolves the session user (401 when there is none),
 * checks workspace membership (404 for non-members) and the role's permission
 * (403), in one query or, with `checkedByWrite`, in the handler's own write,
 * and turns every thrown error into the one JSON error shape. A request with
 * `Authorization: Bearer` is a personal API token's instead (runWithApiToken),
 * whatever cookie it also carries. Every route handler goes through here.
 */
export function withAuth<O extends Options>(handler: HandlerFor<O>, options: O): WrappedHandler {
  const wrapped = async (req: Request, routeCtx: RouteContext, context: RequestContext): Promise<Response> => {
    try {
      const params = stringParams((await routeCtx?.params) ?? {});
      const cookie = cookieHeaderGetter(req.headers.get("cookie"));
      const bearer = bearerToken(req.headers.get("authorization"));
      const withToken = bearer !== null && !("public" in options);
      // Cookies travel with cross-site requests; a bearer token does not.
      if (!withToken) assertSameOriginRequest(req);
      const base: BaseContext = {
        req,
        params,
        routeContext: routeCtx,
        body: (schema, options) => parseBody(req, schema, options?.maxBytes, !withToken),
      };
      context.route = routeTemplate(req, params);
      if (withToken) return await runWithApiToken(handler, options, base, bearer, context);
      if ("public" in options && options.anonymous) {
        return await (handler as HandlerFor<{ public: true }>)({ ...base, user: null });
      }
      if ("permission" in options) {
        const workspaceId = params.workspaceId;
        if (!workspaceId) throw new Error("withAuth: a permission route needs a [workspaceId] segment");
        const claims = await sessionClaims(cookie);
        if ("checkedByWrite" in options) {
          if (!claims) throw new AppError("UNAUTHENTICATED", "Please sign in.");
          Object.assign(context, { userId: claims.sub, workspaceId });
          const access = createWriteAccess(claims, workspaceId, options.permission);
          return await runCheckedByWrite(handler as HandlerFor<{ checkedByWrite: true }>, {
            ...base,
            access,
            workspaceId,
          });
        }
        const { user, membership } = await requireMember(claims, workspaceId, options.permission);
        Object.assign(context, { userId: user.id, workspaceId });
        return await (handler as HandlerFor<{ permission: Permission }>)({ ...base, user, membership, workspaceId });
      }
      const user = await userFromCookies(cookie);
      if (user) context.userId = user.id;
      if ("public" in options) {
        return await (handler as HandlerFor<{ public: true }>)({ ...base, user });
      }
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
      return await (handler as HandlerFor<{ user: true }>)({ ...base, user });
    } catch (err) {
      return errorResponse(err, context.requestId);
    }
  };
  const answer = async (req: Request, routeCtx: RouteContext) => {
    // Behind scripts/server.mjs the request already has its context, and the server echoes its id;
    // called otherwise (tests, `next start`), it gets one here.
    const attached = attachedRequestContext(req.headers);
    const context = attached ?? { requestId: requestIdFrom(req.headers.get("x-request-id")) };
    const res = noStoreJson(await wrapped(req, routeCtx, context));
    return attached ? res : withRequestId(res, context.requestId);
  };
  return Object.assign(answer, { [AUTH_WRAPPED]: true as const });
}

/** JSON answers are about one user at one moment: no cache keeps them, unless the route said otherwise. */
function noStoreJson(res: Response): Response {
  if (res.headers.has("cache-control") || !res.headers.get("content-type")?.includes("json")) return res;
  try {
    res.headers.set("cache-control", "no-store");
  } catch {
    // A response with immutable headers (a redirect) carries no JSON.
  }
  return res;
}
