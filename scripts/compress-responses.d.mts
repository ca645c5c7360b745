import type { IncomingMessage, ServerResponse } from "node:http";

/** Compresses `res` for `req` where the rules allow (scripts/compress-responses.mjs); call before the app writes anything. */
export function compressResponses(req: IncomingMessage, res: ServerResponse): void;
