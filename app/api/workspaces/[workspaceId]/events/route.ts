// GET /api/workspaces/[workspaceId]/events?articleId= — the live event stream (Server-Sent Events)
import { findMembership } from "@/lib/auth/access";
import { cookieHeaderGetter, userFromCookies } from "@/lib/auth/session";
import { withAuth } from "@/lib/auth/with-auth";
import { AppError } from "@/lib/errors";
import { eventStreamQuerySchema, lastEventIdSchema } from "@/lib/validations/live";
import { openEventStream } from "@/lib/server/live/open-event-stream";
import { requireReadableArticle } from "@/lib/server/articles/require-readable-article";
import { findAnnotationVisibility } from "@/lib/server/assignments/visible-authors";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async ({ workspaceId, user, req }) => {
    const query = eventStreamQuerySchema.parse({
      ...Object.fromEntries(new URL(req.url).searchParams),
      lastEventId: req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId") ?? undefined,
    });
    // 400, not 422: an EventSource gives up on an error answer instead of reconnecting with the same id.
    const lastEventId = query.lastEventId === undefined ? undefined : lastEventIdSchema.safeParse(query.lastEventId);
    if (lastEventId && !lastEventId.success) {
      throw new AppError("BAD_REQUEST", "Last-Event-ID must be an event id.");
    }
    if (query.articleId) await requireReadableArticle({ workspaceId, articleId: query.articleId });
    const stream = openEventStream({
      workspaceId,
      userId: user.id,
      articleId: query.articleId ?? null,
      lastEventId: lastEventId?.data ?? null,
      signal: req.signal,
      stillAllowed: async () => {
        const current = await userFromCookies(cookieHeaderGetter(req.headers.get("cookie")));
        return current?.id === user.id && (await findMembership(user.id, workspaceId)) !== null;
      },
      visibility: async () => {
        // The role as it is now: a member promoted to reviewer sees everyone's from then on.
        const current = await findMembership(user.id, workspaceId);
        return findAnnotationVisibility({ workspaceId, viewer: { id: user.id, role: current?.role ?? "VIEWER" } });
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  },
  // The stream rechecks the session cookie while open; API clients poll the list routes instead.
  { permission: "live.subscribe", apiToken: false },
);
