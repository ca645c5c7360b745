import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export function routeTemplateOf(pathname: string): string;
export function observeRequests(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  options?: { log?: Logger },
): (req: IncomingMessage, res: ServerResponse) => unknown;
