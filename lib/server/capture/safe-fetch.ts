import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { Agent, request } from "undici";
import { AppError } from "@/lib/errors";
import { addressRefusal, looksNumeric } from "./address-policy";

/** Resolves a host name to its addresses (all families). */
export type Resolver = (hostname: string) => Promise<string[]>;

export type SafeFetchOptions = {
  /**
   * Hosts fetched even on private addresses or other ports, as `host` or
   * `host:port`. Defaults to the operator's `CAPTURE_ALLOWED_HOSTS`.
   */
  allowedHosts?: readonly string[];
  /** Name resolution; the system resolver by default. Called once per hop. */
  resolve?: Resolver;
  /** The whole fetch, redirects and body included. @default 10000 */
  timeoutMs?: number;
  /** Body bytes after decompression. @default 5 MB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** Ports allowed besides 80 and 443. Defaults to `CAPTURE_ALLOWED_PORTS`. */
  allowedPorts?: readonly number[];
};

export type FetchedDocument = {
  /** The URL the body came from, after redirects. */
  url: string;
  /** Media type without parameters, lower case. */
  mediaType: string;
  /** The `charset` parameter of Content-Type, if any. */
  charset: string | null;
  body: Buffer;
  fetchedAt: Date;
};

export const CAPTURE_TIMEOUT_MS = 10_000;
export const CAPTURE_MAX_BYTES = 5 * 1024 * 1024;
export const CAPTURE_MAX_REDIRECTS = 5;

/** What may be captured: HTML, XHTML, plain text and PDF. */
export const CAPTURE_MEDIA_TYPES = new Set(["text/html", "application/xhtml+xml", "text/plain", "application/pdf"]);

const refuse = (message: string, reason: string) => new AppError("UNPROCESSABLE", message, { details: { reason } });

function listFromEnv(name: string): string[] {
  return (process.env[name] ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/** `CAPTURE_ALLOWED_HOSTS`: the operator's intranet hosts (nothing by default). */
export function operatorAllowedHosts(): string[] {
  return listFromEnv("CAPTURE_ALLOWED_HOSTS");
}

function operatorAllowedPorts(): number[] {
  return listFromEnv("CAPTURE_ALLOWED_PORTS")
    .map(Number)
    .filter((port) => Number.isInteger(port) && port > 0 && port < 65536);
}

const systemResolver: Resolver = async (hostname) => {
  const records = await dnsLookup(hostname, { all: true, verbatim: true });
  return records.map((record) => record.address);
};

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** The URL's host as written in an allow list entry: no brackets, lower case. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

function hostAllowance(url: URL, allowedHosts: readonly string[]): { host: boolean; port: boolean } {
  const host = bareHost(url);
  const port = defaultPort(url);
  let hostAllowed = false;
  let portAllowed = false;
  for (const entry of allowedHosts) {
    const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry.trim().toLowerCase());
    // An IPv6 address without brackets has colons of its own: take it whole.
    const [entryHost, entryPort] = isIP(entry) === 6 ? [entry.toLowerCase(), undefined] : [match?.[1], match?.[2]];
    if (entryHost !== host) continue;
    // `host:port` allows that port only; a bare host, the usual ports.
    if (entryPort === undefined) hostAllowed = true;
    else if (Number(entryPort) === port) hostAllowed = portAllowed = true;
  }
  return { host: hostAllowed, port: portAllowed };
}

type CheckedHop = { url: URL; address: string; family: 4 | 6 };

/**
 * Checks one URL before it is requested and resolves its host once: the
 * address returned is the one the request must connect to.
 */
async function checkHop(url: URL, options: Required<Omit<SafeFetchOptions, "timeoutMs">>): Promise<CheckedHop> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse("Only http and https addresses can be captured.", "protocol");
  }
  if (url.username || url.password) {
    throw refuse("Addresses with a user name or password cannot be captured.", "credentials");
  }
  const allowance = hostAllowance(url, options.allowedHosts);
  const port = defaultPort(url);
  if (port !== 80 && port !== 443 && !options.allowedPorts.includes(port) && !allowance.port) {
    throw refuse(`Port ${port} cannot be captured; only ports 80 and 443.`, "port");
  }
  const host = bareHost(url);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    if (looksNumeric(host)) throw refuse("That address is not a valid host name.", "numeric-host");
    try {
      addresses = await options.resolve(host);
    } catch {
      throw refuse(`The host ${host} could not be found.`, "dns");
    }
    if (addresses.length === 0) throw refuse(`The host ${host} could not be found.`, "dns");
  }
  if (!allowance.host) {
    // Every address must pass: a name that resolves to one public and one
    // private address could otherwise be steered to the private one.
    for (const address of addresses) {
      const refusal = addressRefusal(address);
      if (refusal) throw refuse(refusal, "address");
    }
  }
  const address = addresses[0].replace(/%.*$/, "");
  return { url, address, family: isIP(address) === 6 ? 6 : 4 };
}

/** A connection that goes to the checked address whatever name it was asked for: no second lookup. */
function pinnedAgent(hop: CheckedHop): Agent {
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) {
      callback(null, [{ address: hop.address, family: hop.family }]);
    } else {
      callback(null, hop.address, hop.family);
    }
  };
  return new Agent({ connect: { lookup, timeout: CAPTURE_TIMEOUT_MS }, connections: 1, pipelining: 0 });
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? "identity").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    case "identity":
    case "":
      return null;
    default:
      throw refuse("The page is compressed in a way that cannot be read.", "encoding");
  }
}

/** Reads a body up to `maxBytes` after decompression; stops reading (and inflating) at the limit. */
async function readLimited(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const inflate = decompressor(encoding);
  const source: Readable = inflate ? body.pipe(inflate) : body;
  if (inflate) body.on("error", (err) => inflate.destroy(err));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      if (signal.aborted) throw signal.reason;
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw refuse(`The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, "too-large");
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (signal.aborted) throw signal.reason;
    throw refuse("The page could not be read (its compression is broken).", "body");
  } finally {
    body.destroy();
    inflate?.destroy();
  }
  return Buffer.concat(chunks);
}

function timeoutError(timeoutMs: number): AppError {
  return refuse(`The site did not answer within ${Math.round(timeoutMs / 1000)} seconds.`, "timeout");
}

/**
 * Fetches a page to capture, refusing anything that would let a user reach
 * the server's own network (SSRF): only http and https, no credentials in the
 * URL, ports 80 and 443 unless configured, and each host resolved once and
 * every address checked by {@link addressRefusal} before connecting to exactly
 * that address (no second lookup, so DNS rebinding cannot swap it). Redirects
 * are followed by hand, each hop checked the same way, at most 5. The whole
 * fetch has 10 seconds (a server that trickles bytes is cut off), and the body
 * 5 MB after decompression. Only HTML, XHTML, plain text and PDF are accepted.
 * Hosts in `CAPTURE_ALLOWED_HOSTS` skip the address check.
 *
 * @throws AppError `UNPROCESSABLE` (422) with a sentence saying why, and
 *   `details.reason`, for every refusal and failure; never hangs.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<FetchedDocument> {
  const settings = {
    allowedHosts: options.allowedHosts ?? operatorAllowedHosts(),
    resolve: options.resolve ?? systemResolver,
    maxBytes: options.maxBytes ?? CAPTURE_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? CAPTURE_MAX_REDIRECTS,
    allowedPorts: options.allowedPorts ?? operatorAllowedPorts(),
  };
  const timeoutMs = options.timeoutMs ?? CAPTURE_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(rawUrl.trim());
  } catch {
    throw refuse("That is not a valid web address.", "url");
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
  const { signal } = controller;
  const deadline = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  deadline.catch(() => {});

  try {
    for (let redirects = 0; ; redirects++) {
      const hop = await Promise.race([checkHop(url, settings), deadline]);
      const agent = pinnedAgent(hop);
      try {
        let response: Awaited<ReturnType<typeof request>>;
        try {
          response = await Promise.race([
            request(url, {
              dispatcher: agent,
              method: "GET",
              signal,
              headers: {
                "user-agent": "Marginalia-Capture/1.0",
                accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.1",
                "accept-encoding": "gzip, deflate, br",
              },
              headersTimeout: timeoutMs,
              bodyTimeout: timeoutMs,
            }),
            deadline,
          ]);
        } catch (err) {
          if (err instanceof AppError) throw err;
          if (signal.aborted) throw signal.reason;
          throw refuse(`The site ${bareHost(url)} could not be reached.`, "connect");
        }
        const { statusCode, headers, body } = response;
        // Destroying a body early makes it emit an abort error nobody needs.
        body.on("error", () => {});
        const header = (name: string) => {
          const value = headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        if (statusCode >= 300 && statusCode < 400 && header("location")) {
          body.destroy();
          if (redirects >= settings.maxRedirects) {
            throw refuse(`The page redirects more than ${settings.maxRedirects} times.`, "redirects");
          }
          try {
            url = new URL(header("location")!, url);
          } catch {
            throw refuse("The page redirects to an invalid address.", "url");
          }
          continue;
        }
        if (statusCode < 200 || statusCode >= 300) {
          body.destroy();
          throw refuse(`The site answered with HTTP ${statusCode}.`, "status");
        }
        const contentType = header("content-type") ?? "";
        const mediaType = contentType.split(";")[0].trim().toLowerCase();
        if (!CAPTURE_MEDIA_TYPES.has(mediaType)) {
          body.destroy();
          throw refuse(
            `That address serves ${mediaType || "an unnamed type"}; only web pages, plain text and PDFs can be captured.`,
            "content-type",
          );
        }
        const declared = Number(header("content-length"));
        if (!header("content-encoding") && Number.isFinite(declared) && declared > settings.maxBytes) {
          body.destroy();
          throw refuse(`The page is larger than ${Math.round(settings.maxBytes / 1024 / 1024)} MB.`, "too-large");
        }
        const bytes = await Promise.race([
          readLimited(body, header("content-encoding"), settings.maxBytes, signal),
          deadline,
        ]);
        const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] ?? null;
        return { url: url.href, mediaType, charset, body: bytes, fetchedAt: new Date() };
      } finally {
        agent.destroy().catch(() => {});
      }
    }
  } finally {
    clearTimeout(timer);
    if (!signal.aborted) controller.abort(new Error("done"));
  }
}
