import "server-only";
import type { z } from "zod";
import type { Membership } from "@/lib/auth/access";
import type { Permission } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/session-member";
import { cookieHeaderGetter, sessionClaims, userFromCookies, type SessionUser } from "@/lib/auth/session";
import { createWriteAccess, type WriteAccess } from "@/lib/auth/write-access";
import { AppError, toErrorResponse } from "@/lib/errors";

/** Marks every handler built here, so a test can prove that no route skips it. */
export const AUTH_WRAPPED = Symbol.for("marginalia.withAuth");

type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

type BaseContext = {
  req: Request;
  params: Record<string, string>;
  /** The context Next.js passed, for handlers that delegate (next-auth). */
  routeContext: RouteContext;
  /** Parses the JSON body with `schema`: 400 for malformed JSON, 413 past `maxBytes` (1 MB), 422 with field errors. */
  body<S extends z.ZodType>(schema: S, options?: { maxBytes?: number }): Promise<z.infer<S>>;
};

export type PublicContext = BaseContext & { user: SessionUser | null };
export type UserContext = BaseContext & { user: SessionUser };
export type MemberContext = UserContext & { membership: Membership; workspaceId: string };
export type WriteContext = BaseContext & { access: WriteAccess; workspaceId: string };

type Options =
  | { public: true }
  | { permission: Permission }
  /**
   * The handler's one write statement checks session, membership and role
   * itself (see WriteAccess) and falls back to `access.require()` when it
   * wrote nothing. Whatever the handler throws before either, the caller
   * gets 401/404/403 first if that is the answer.
   */
  | { permission: Permission; checkedByWrite: true }
  /** Any signed-in user; for routes outside a workspace (own account, own workspaces). */
  | { user: true };

type HandlerFor<O> = O extends { public: true }
  ? (ctx: PublicContext) => Promise<Response> | Response
  : O extends { checkedByWrite: true }
    ? (ctx: WriteContext) => Promise<Response> | Response
    : O extends { permission: Permission }
      ? (ctx: MemberContext) => Promise<Response> | Response
      : (ctx: UserContext) => Promise<Response> | Response;

export type WrappedHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { [AUTH_WRAPPED]: true };

const MAX_JSON_BYTES = 1_000_000;

async function parseBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_JSON_BYTES): Promise<z.infer<S>> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  }
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
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
 * Wraps a route handler: resolves the session user (401 when there is none),
 * checks workspace membership (404 for non-members) and the role's permission
 * (403), in one query or, with `checkedByWrite`, in the handler's own write,
 * and turns every thrown error into the one JSON error shape. Every route
 * handler goes through here.
 */
export function withAuth<O extends Options>(handler: HandlerFor<O>, options: O): WrappedHandler {
  const wrapped = async (req: Request, routeCtx: RouteContext): Promise<Response> => {
    try {
      const params = stringParams((await routeCtx?.params) ?? {});
      const cookie = cookieHeaderGetter(req.headers.get("cookie"));
      const base: BaseContext = {
        req,
        params,
        routeContext: routeCtx,
        body: (schema, options) => parseBody(req, schema, options?.maxBytes),
      };
      if ("permission" in options) {
        const workspaceId = params.workspaceId;
        if (!workspaceId) throw new Error("withAuth: a permission route needs a [workspaceId] segment");
        const claims = await sessionClaims(cookie);
        if ("checkedByWrite" in options) {
          if (!claims) throw new AppError("UNAUTHENTICATED", "Please sign in.");
          const access = createWriteAccess(claims, workspaceId, options.permission);
          return await runCheckedByWrite(handler as HandlerFor<{ checkedByWrite: true }>, {
            ...base,
            access,
            workspaceId,
          });
        }
        const { user, membership } = await requireMember(claims, workspaceId, options.permission);
        return await (handler as HandlerFor<{ permission: Permission }>)({ ...base, user, membership, workspaceId });
      }
      const user = await userFromCookies(cookie);
      if ("public" in options) {
        return await (handler as HandlerFor<{ public: true }>)({ ...base, user });
      }
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
      return await (handler as HandlerFor<{ user: true }>)({ ...base, user });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  return Object.assign(wrapped, { [AUTH_WRAPPED]: true as const });
}
