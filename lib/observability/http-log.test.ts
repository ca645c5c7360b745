// One log line per request, request ids honoured or generated and echoed, and a 500 whose body
// carries the id its logged stack has. Through a real HTTP server and withAuth.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withAuth } from "@/lib/auth/with-auth";
import { observeRequests, routeTemplateOf } from "@/lib/observability/http-log.mjs";
import { createLogger, setLogger } from "@/lib/observability/logger.mjs";
import { REQUEST_CONTEXT_HEADER } from "@/lib/observability/request-context.mjs";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

const ok = withAuth(() => Response.json({ ok: true }), { public: true, anonymous: true });
const boom = withAuth(
  () => {
    throw new Error("kaboom in the handler");
  },
  { public: true, anonymous: true },
);

let server: http.Server;
let base: string;

beforeAll(async () => {
  const log = createLogger({ destination: sink, level: "info" });
  setLogger(log);
  server = http.createServer(
    observeRequests(
      async (req, res) => {
        const url = new URL(req.url!, "http://localhost");
        const params = { workspaceId: url.pathname.split("/")[3] ?? "" };
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const request = new Request(url, { method: req.method, headers });
        if (url.pathname.startsWith("/wp-admin/")) {
          // What Next.js answers for a path no route or page matches.
          res.statusCode = 404;
          res.end("not found");
          return;
        }
        const handler = url.pathname.endsWith("/boom") ? boom : ok;
        const answer = await handler(request, { params: Promise.resolve(params) });
        res.statusCode = answer.status;
        answer.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(Buffer.from(await answer.arrayBuffer()));
      },
      { log },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const lineFor = async (requestId: string) => {
  for (let i = 0; i < 50; i++) {
    const line = lines.find((l) => l.requestId === requestId && l.msg !== "unexpected error");
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line for ${requestId}`);
};

describe("request logs", () => {
  it("honours an incoming x-request-id, echoes it and logs the route template, status and duration", async () => {
    const res = await fetch(`${base}/api/workspaces/w1234567890abcdefghijklm/ok?q=secret+article+text`, {
      headers: { "x-request-id": "lb-req-42", cookie: "next-auth.session-token=abc", authorization: "Bearer mrg_x" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("lb-req-42");
    const line = await lineFor("lb-req-42");
    expect(line).toMatchObject({
      level: 30,
      method: "GET",
      route: "/api/workspaces/[workspaceId]/ok",
      status: 200,
      msg: "request",
    });
    expect(typeof line.durationMs).toBe("number");
    expect(typeof line.time).toBe("string");
    const text = JSON.stringify(lines);
    for (const secret of ["secret+article", "article text", "session-token", "mrg_x", "abc"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("keeps each request's context its own, whatever context key a client sends", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `ctx-${i}`);
    await Promise.all(
      ids.map((id, i) =>
        fetch(`${base}/api/workspaces/w${i}aaaaaaaaaaaaaaaaaaaaaa/ok`, {
          headers: { "x-request-id": id, [REQUEST_CONTEXT_HEADER]: "1" },
        }),
      ),
    );
    for (const id of ids) {
      // Only withAuth, reporting to this request's context, names the parameter; the server alone would log `[id]`.
      expect(await lineFor(id)).toMatchObject({ route: "/api/workspaces/[workspaceId]/ok", status: 200 });
      expect(lines.filter((l) => l.requestId === id && l.msg === "request")).toHaveLength(1);
    }
  });

  it("generates an id when none (or an unusable one) comes in", async () => {
    const res = await fetch(`${base}/api/workspaces/w1/ok`, { headers: { "x-request-id": "bad id\twith spaces" } });
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineFor(id)).toMatchObject({ status: 200 });
  });

  it("answers an unexpected error with 500 carrying the request id its logged stack has", async () => {
    const res = await fetch(`${base}/api/workspaces/w1/boom`);
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id")!;
    const body = await res.json();
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.details).toEqual({ requestId: id });
    expect(body.error.message).toContain(id);
    expect(JSON.stringify(body)).not.toContain("kaboom");
    const stack = lines.find((l) => l.requestId === id && l.msg === "unexpected error") as {
      err: { stack: string; message: string };
      level: number;
    };
    expect(stack.level).toBe(50);
    expect(stack.err.message).toBe("kaboom in the handler");
    expect(stack.err.stack).toContain("http-log.test.ts");
    expect(await lineFor(id)).toMatchObject({ status: 500, level: 50 });
  });
});

describe("paths no route matched", () => {
  it("share one route label, so guesses cannot grow the metrics", async () => {
    const res = await fetch(`${base}/wp-admin/install-${Date.now()}.php`);
    expect(res.status).toBe(404);
    expect(await lineFor(res.headers.get("x-request-id")!)).toMatchObject({ route: "[not found]", status: 404 });
  });
});

describe("routeTemplateOf", () => {
  it("keeps route words and turns ids into [id]", () => {
    expect(routeTemplateOf("/w/a1b2c3d4e5f6g7h8i9j0k1l2/articles/zz9y8x7w6v5u4t3s2r1q0p9o")).toBe(
      "/w/[id]/articles/[id]",
    );
    expect(routeTemplateOf("/_next/static/chunks/abc.js")).toBe("/_next/static/[file]");
    expect(routeTemplateOf("/signin")).toBe("/signin");
  });
});
