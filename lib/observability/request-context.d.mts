export type RequestContext = {
  /** The request id: the client's `x-request-id` when sane, else generated; echoed in the response. */
  requestId: string;
  /** The route template (`/api/workspaces/[workspaceId]/annotations`), once known. */
  route?: string;
  userId?: string;
  workspaceId?: string;
};

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T;
export function requestContext(): RequestContext | undefined;
export function requestIdFrom(header: string | string[] | undefined | null): string;
