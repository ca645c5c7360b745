import type { IncomingMessage } from "node:http";

export type RequestContext = {
  /** The request id: the client's `x-request-id` when sane, else generated; echoed in the response. */
  requestId: string;
  /** The route template (`/api/workspaces/[workspaceId]/annotations`), once known. */
  route?: string;
  userId?: string;
  workspaceId?: string;
};

export const REQUEST_CONTEXT_HEADER: string;
export function attachRequestContext(req: IncomingMessage, context: RequestContext): () => void;
export function attachedRequestContext(headers: Headers): RequestContext | undefined;
export function requestIdFrom(header: string | string[] | undefined | null): string;
