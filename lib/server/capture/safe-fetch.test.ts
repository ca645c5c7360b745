import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { safeFetch, type SafeFetchOptions } from "./safe-fetch";

/**
 * The local test server: reachable only because each successful case passes
 * it in the test-only allow list (`allowedHosts`); without it, it is loopback
 * and refused like any other.
 */
let server: http.Server;
let base: string;
let allow: string[];
const sockets = new Set<import("node:net").Socket>();

const PAGE = "<!doctype html><html><head><title>Fixture</title></head><body><p>Hello</p></body></html>";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const to = url.searchParams.get("to");
    switch (url.pathname) {
      case "/page":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(PAGE);
      case "/gzip":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return res.end(zlib.gzipSync(PAGE));
      case "/bomb": {
        // 60 MB of zeros, about 60 KB on the wire.
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return res.end(zlib.gzipSync(Buffer.alloc(60 * 1024 * 1024)));
      }
      case "/big":
        res.writeHead(200, { "content-type": "text/plain" });
        for (let i = 0; i < 6; i++) res.write(Buffer.alloc(1024 * 1024, 97));
        return res.end();
      case "/image":
        res.writeHead(200, { "content-type": "image/png" });
        return res.end("png");
      case "/json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("{}");
      case "/missing":
        res.writeHead(404, { "content-type": "text/html" });
        return res.end("gone");
      case "/redirect":
        res.writeHead(302, { location: to ?? "/page" });
        return res.end();
      case "/loop": {
        const n = Number(url.searchParams.get("n") ?? 0);
        res.writeHead(301, { location: n >= 10 ? "/page" : `/loop?n=${n + 1}` });
        return res.end();
      }
      case "/hops": {
        const n = Number(url.searchParams.get("n") ?? 0);
        res.writeHead(307, { location: n >= 4 ? "/page" : `/hops?n=${n + 1}` });
        return res.end();
      }
      case "/trickle": {
        // Slowloris: headers, then a byte a second, forever.
        res.writeHead(200, { "content-type": "text/html" });
        const timer = setInterval(() => res.write("a"), 200);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "/silent":
        return; // never answers
      default:
        res.writeHead(404);
        res.end();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  allow = [`127.0.0.1:${port}`];
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(url: string, options: SafeFetchOptions = {}): Promise<AppError> {
  try {
    await safeFetch(url, { allowedHosts: [], ...options });
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const appError = err as AppError;
    expect(appError.status).toBe(422);
    expect(appError.message).not.toMatch(/ECONN|ENOTFOUND|undici|stack/i);
    return appError;
  }
  throw new Error(`${url} was fetched`);
}

const never = () => Promise.reject(new Error("the resolver must not be asked"));

describe("safeFetch refuses", () => {
  describe.each([
    // IPv4 literals and their numeric spellings
    ["loopback", "http://127.0.0.1/"],
    ["loopback, elsewhere in 127/8", "http://127.8.9.10/"],
    ["decimal loopback", "http://2130706433/"],
    ["hex-dotted loopback", "http://0x7f.1/"],
    ["octal loopback", "http://017700000001/"],
    ["hex loopback", "http://0x7f000001/"],
    ["short loopback", "http://127.1/"],
    ["loopback with a trailing dot", "http://127.0.0.1./"],
    ["unspecified", "http://0.0.0.0/"],
    ["0/8", "http://0.1.2.3/"],
    ["zero", "http://0/"],
    ["private 10/8", "http://10.0.0.1/"],
    ["private 172.16/12", "http://172.16.5.4/"],
    ["private 192.168/16", "https://192.168.1.1/"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["CGNAT", "http://100.64.0.1/"],
    ["multicast", "http://224.0.0.1/"],
    ["broadcast", "http://255.255.255.255/"],
    ["reserved 240/4", "http://240.0.0.1/"],
    ["documentation", "http://192.0.2.1/"],
    // IPv6 literals
    ["IPv6 loopback", "http://[::1]/"],
    ["IPv6 unspecified", "http://[::]/"],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"],
    ["IPv4-mapped loopback, hex", "http://[::ffff:7f00:1]/"],
    ["IPv4-mapped metadata", "http://[::ffff:169.254.169.254]/"],
    ["IPv4-mapped private", "http://[::ffff:10.1.2.3]/"],
    ["unique local fc00::/7", "http://[fc00::1]/"],
    ["unique local fd00::/8", "http://[fd12:3456::1]/"],
    ["link-local fe80::/10", "http://[fe80::1]/"],
    ["IPv6 multicast", "http://[ff02::1]/"],
    ["6to4 of loopback", "http://[2002:7f00:1::]/"],
    ["NAT64 of loopback", "http://[64:ff9b::7f00:1]/"],
    ["IPv6 documentation", "http://[2001:db8::1]/"],
  ])("the %s address %s", (_name, url) => {
    it("with a 422 saying the address is not public", async () => {
      const err = await refusal(url, { resolve: never });
      expect(err.details?.reason).toBe("address");
      expect(err.message).toMatch(/private network|loopback|link-local|unspecified|multicast|reserved/);
    });
  });

  it("a private address with the sentence users see", async () => {
    expect((await refusal("http://10.0.0.1/", { resolve: never })).message).toBe(
      "That address is on a private network.",
    );
  });

  it.each([
    ["file", "file:///etc/passwd", "protocol"],
    ["ftp", "ftp://example.com/file", "protocol"],
    ["gopher", "gopher://example.com/", "protocol"],
    ["javascript", "javascript:alert(1)", "protocol"],
    ["data", "data:text/html,<b>x</b>", "protocol"],
    ["credentials", "http://user:pass@example.com/", "credentials"],
    ["a user name alone", "https://admin@example.com/", "credentials"],
    ["port 22", "http://example.com:22/", "port"],
    ["port 6379 on https", "https://example.com:6379/", "port"],
    ["not a URL", "not a url", "url"],
  ])("%s (%s)", async (_name, url, reason) => {
    expect((await refusal(url, { resolve: never })).details?.reason).toBe(reason);
  });

  it.each([
    ["a name that resolves to loopback", ["127.0.0.1"]],
    ["a name with one public and one private address", ["93.184.216.34", "10.0.0.1"]],
    ["a name that resolves to IPv6 loopback", ["::1"]],
    ["a name that resolves to an IPv4-mapped private address", ["::ffff:192.168.0.1"]],
    ["a name that resolves to the metadata address", ["169.254.169.254"]],
    ["a name that resolves to a link-local IPv6 address with a zone", ["fe80::1%eth0"]],
  ])("%s, through an injected resolver", async (_name, addresses) => {
    const asked: string[] = [];
    const err = await refusal("http://evil.example/", {
      resolve: async (host) => {
        asked.push(host);
        return addresses;
      },
    });
    expect(err.details?.reason).toBe("address");
    expect(asked).toEqual(["evil.example"]);
  });

  it("a name that does not resolve, with a clear message", async () => {
    const err = await refusal("http://nowhere.invalid/", {
      resolve: () => Promise.reject(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" })),
    });
    expect(err.message).toBe("The host nowhere.invalid could not be found.");
  });

  it("localhost through the system resolver", async () => {
    expect((await refusal("http://localhost/")).details?.reason).toBe("address");
  });

  it("the test server itself when it is not in the allow list", async () => {
    const err = await refusal(`${base}/page`, { allowedPorts: [Number(new URL(base).port)] });
    expect(err.message).toBe("That address is this server itself (loopback).");
  });

  it("the test server's port when only its host is known", async () => {
    expect((await refusal(`${base}/page`, { allowedHosts: ["example.com"] })).details?.reason).toBe("port");
  });

  describe("redirects from the allowed test server", () => {
    it.each([
      ["loopback on another port", () => `http://127.0.0.1:1/`],
      ["loopback on port 80", () => `http://127.0.0.1/`],
      ["the metadata address", () => "http://169.254.169.254/latest/meta-data/"],
      ["IPv6 loopback", () => "http://[::1]/"],
      ["IPv4-mapped loopback", () => "http://[::ffff:127.0.0.1]/"],
      ["decimal loopback", () => "http://2130706433/"],
      ["hex loopback", () => "http://0x7f.1/"],
      ["a private network", () => "http://192.168.0.10/admin"],
      ["a file", () => "file:///etc/passwd"],
      ["credentials", () => "http://user:pw@example.com/"],
    ])("to %s", async (_name, target) => {
      const err = await refusal(`${base}/redirect?to=${encodeURIComponent(target())}`, {
        allowedHosts: allow,
        resolve: never,
      });
      expect(["address", "protocol", "credentials", "port"]).toContain(err.details?.reason);
    });

    it("to a name that resolves to loopback", async () => {
      const err = await refusal(`${base}/redirect?to=${encodeURIComponent("http://rebound.example/")}`, {
        allowedHosts: allow,
        resolve: async () => ["127.0.0.1"],
      });
      expect(err.details?.reason).toBe("address");
    });

    it("more than 5 times", async () => {
      const err = await refusal(`${base}/loop`, { allowedHosts: allow });
      expect(err.message).toBe("The page redirects more than 5 times.");
    });
  });

  it.each([
    ["an image", "/image", "content-type"],
    ["JSON", "/json", "content-type"],
    ["a 404", "/missing", "status"],
    ["6 MB of text", "/big", "too-large"],
  ])("%s", async (_name, path, reason) => {
    expect((await refusal(`${base}${path}`, { allowedHosts: allow })).details?.reason).toBe(reason);
  });

  it("a gzip bomb, stopping at the limit without inflating it all", async () => {
    const started = Date.now();
    const err = await refusal(`${base}/bomb`, { allowedHosts: allow });
    expect(err.message).toBe("The page is larger than 5 MB.");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a server that trickles its body (slowloris), within the timeout", async () => {
    const started = Date.now();
    const err = await refusal(`${base}/trickle`, { allowedHosts: allow, timeoutMs: 1500 });
    expect(err.details?.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("a server that never answers, within the default 10 seconds", async () => {
    const started = Date.now();
    const err = await refusal(`${base}/silent`, { allowedHosts: allow });
    expect(err.message).toBe("The site did not answer within 10 seconds.");
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(9900);
    expect(elapsed).toBeLessThan(11_000);
  }, 20_000);
});

describe("safeFetch fetches", () => {
  it("a page of the test server on its allow list", async () => {
    const page = await safeFetch(`${base}/page`, { allowedHosts: allow });
    expect(page).toMatchObject({ url: `${base}/page`, mediaType: "text/html", charset: "utf-8" });
    expect(page.body.toString()).toBe(PAGE);
  });

  it("a gzipped page, decompressed", async () => {
    const page = await safeFetch(`${base}/gzip`, { allowedHosts: allow });
    expect(page.body.toString()).toBe(PAGE);
  });

  it("through 5 redirects, reporting the final URL", async () => {
    const page = await safeFetch(`${base}/hops`, { allowedHosts: allow });
    expect(page.url).toBe(`${base}/page`);
  });

  it("an allowed name by the address it was resolved to once (no second lookup)", async () => {
    const port = new URL(base).port;
    const asked: string[] = [];
    const page = await safeFetch(`http://fixture.example:${port}/page`, {
      allowedHosts: [`fixture.example:${port}`],
      resolve: async (host) => {
        asked.push(host);
        return ["127.0.0.1"];
      },
    });
    expect(page.body.toString()).toBe(PAGE);
    expect(asked).toEqual(["fixture.example"]);
  });

  it("hosts the operator lists in CAPTURE_ALLOWED_HOSTS", async () => {
    const before = process.env.CAPTURE_ALLOWED_HOSTS;
    process.env.CAPTURE_ALLOWED_HOSTS = `intranet.example, ${allow[0]}`;
    try {
      const page = await safeFetch(`${base}/page`);
      expect(page.mediaType).toBe("text/html");
    } finally {
      if (before === undefined) delete process.env.CAPTURE_ALLOWED_HOSTS;
      else process.env.CAPTURE_ALLOWED_HOSTS = before;
    }
  });
});
