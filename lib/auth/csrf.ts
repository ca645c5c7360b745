import "server-only";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host[:port] the app answers on: the request's Host and, when set, NEXTAUTH_URL's. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  for (const host of [req.headers.get("x-forwarded-host"), req.headers.get("host")]) {
    if (host) hosts.add(host.split(",")[0].trim().toLowerCase());
  }
  for (const url of [req.url, process.env.NEXTAUTH_URL]) {
    try {
      if (url) hosts.add(new URL(url).host.toLowerCase());
    } catch {
      // Not a URL: nothing to add.
    }
  }
  return hosts;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (sandboxed frames, file:) and anything malformed
  }
}

/**
 * Refuses (403) an unsafe request that a browser says another site or origin
 * made: `Sec-Fetch-Site` other than `same-origin` (or `none`, typed by the
 * user), or an `Origin` that is not the app's. Another port of the same host
 * is another origin. Clients that send neither header (scripts, curl) are not
 * browsers acting for someone else and pass. For cookie-authenticated
 * requests; a bearer token is never sent by a browser on its own.
 */
export function assertSameOriginRequest(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const crossSite = site !== null && site !== "same-origin" && site !== "none";
  const foreignOrigin = origin !== null && !ownHosts(req).has(originHost(origin) ?? "\0");
  if (crossSite || foreignOrigin) {
    throw new AppError("FORBIDDEN", "Cross-site requests are not accepted. Use the app, or an API token.");
  }
}

/**
 * Refuses (415) a non-empty JSON body sent without `Content-Type:
 * application/json`, so that no plain form (`text/plain`, which a browser
 * sends cross-site without asking first) is read as JSON.
 */
export function assertJsonContentType(req: Request, bodyText: string): void {
  if (!bodyText) return;
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON with Content-Type: application/json.");
  }
}
