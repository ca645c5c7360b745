import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { compressResponses } from "./compress-responses.mjs";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let handler: Handler = () => undefined;
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    compressResponses(req, res);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => vi.restoreAllMocks());

/** A request whose answer is read as raw bytes (no decoding). */
function request(headers: http.OutgoingHttpHeaders = { "accept-encoding": "gzip, deflate, br" }, method = "GET") {
  return new Promise<{ res: http.IncomingMessage; body: Buffer }>((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const json = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}` })) });

describe("compressResponses", () => {
  it.each([
    ["up to 512 KB on this thread", json, "gzipSync"],
    ["above 512 KB in one job of the pool", json.repeat(12), "gzip"],
  ] as const)("gzips a body complete in one turn in one piece, %s, not through a stream", async (_case, text, way) => {
    const spies = { gzipSync: vi.spyOn(zlib, "gzipSync"), gzip: vi.spyOn(zlib, "gzip") };
    const createGzip = vi.spyOn(zlib, "createGzip");
    handler = (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("content-length", Buffer.byteLength(text));
      res.flushHeaders();
      res.write(text.slice(0, 1000));
      res.end(text.slice(1000));
    };
    const { res, body } = await request();
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-length"]).toBeUndefined();
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(zlib.gunzipSync(body).toString()).toBe(text);
    expect(body.length).toBeLessThan(text.length / 4);
    expect(spies[way]).toHaveBeenCalledTimes(1);
    expect(spies[way === "gzip" ? "gzipSync" : "gzip"]).not.toHaveBeenCalled();
    expect(createGzip).not.toHaveBeenCalled();
  });

  it("streams a body that goes on after its first turn: the client reads each flushed part before the next is written", async () => {
    let secondWritten = false;
    handler = (_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.write(`<p>${"first ".repeat(400)}</p>`);
      (res as unknown as { flush(): void }).flush();
      setTimeout(() => {
        secondWritten = true;
        res.end(`<p>${"second ".repeat(400)}</p>`);
      }, 300);
    };
    const parts: { text: string; secondWritten: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      http
        .get({ port, host: "127.0.0.1", headers: { "accept-encoding": "gzip" } }, (res) => {
          expect(res.headers["content-encoding"]).toBe("gzip");
          const gunzip = res.pipe(zlib.createGunzip());
          gunzip.on("data", (c: Buffer) => parts.push({ text: c.toString(), secondWritten }));
          gunzip.on("end", resolve);
          gunzip.on("error", reject);
        })
        .on("error", reject);
    });
    expect(parts[0]).toEqual({ text: `<p>${"first ".repeat(400)}</p>`, secondWritten: false });
    expect(parts.map((p) => p.text).join("")).toBe(`<p>${"first ".repeat(400)}</p><p>${"second ".repeat(400)}</p>`);
  });

  it.each([
    ["an answer left as it is", { "accept-encoding": "identity" }, undefined],
    ["a gzipped answer", { "accept-encoding": "gzip" }, "gzip"],
  ] as const)(
    "sends the headers Next.js flushes with the first chunk, in one write to the socket: %s",
    async (_case, headers, encoding) => {
      let socketWrites = 0;
      const text = JSON.stringify({ data: { id: "x".repeat(2000) } });
      handler = (_req, res) => {
        const socket = res.socket as unknown as {
          _write: (...a: unknown[]) => void;
          _writev: (...a: unknown[]) => void;
        };
        for (const method of ["_write", "_writev"] as const) {
          const original = socket[method];
          socket[method] = function (this: unknown, ...args: unknown[]) {
            socketWrites++;
            return original.apply(this, args);
          };
        }
        res.setHeader("content-type", "application/json");
        res.flushHeaders();
        res.write(text);
        queueMicrotask(() => res.end());
      };
      const { res, body } = await request(headers);
      expect(res.headers["content-encoding"]).toBe(encoding);
      expect((encoding ? zlib.gunzipSync(body) : body).toString()).toBe(text);
      expect(socketWrites).toBe(1);
    },
  );

  it("flushes the headers at the end of the turn when no chunk follows: a stream that writes later starts at once", async () => {
    let wroteAt = 0;
    handler = (_req, res) => {
      res.setHeader("content-type", "text/event-stream");
      res.flushHeaders();
      setTimeout(() => {
        wroteAt = Date.now();
        res.end("data: late\n\n");
      }, 300);
    };
    const answered = await new Promise<{ headersAt: number; body: string }>((resolve, reject) => {
      http
        .get({ port, host: "127.0.0.1", headers: { "accept-encoding": "gzip" } }, (res) => {
          const headersAt = Date.now();
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => resolve({ headersAt, body }));
        })
        .on("error", reject);
    });
    expect(answered.headersAt).toBeLessThan(wroteAt);
    expect(answered.body).toBe("data: late\n\n");
  });

  it("holds a streamed body back while the client does not read, and delivers every byte", async () => {
    const payload = randomBytes(24 * 1024 * 1024).toString("base64");
    let refused = 0;
    handler = (_req, res) => {
      res.setHeader("content-type", "text/plain");
      let at = 0;
      const next = () => {
        while (at < payload.length) {
          const ok = res.write(payload.slice(at, at + 64 * 1024));
          at += 64 * 1024;
          if (!ok) {
            refused++;
            res.once("drain", next);
            return;
          }
        }
        res.end();
      };
      setImmediate(next);
    };
    const digest = await new Promise<string>((resolve, reject) => {
      http
        .get({ port, host: "127.0.0.1", headers: { "accept-encoding": "gzip" } }, (res) => {
          res.pause();
          setTimeout(() => {
            const hash = createHash("sha256");
            const gunzip = res.pipe(zlib.createGunzip());
            gunzip.on("data", (c: Buffer) => hash.update(c));
            gunzip.on("end", () => resolve(hash.digest("hex")));
            gunzip.on("error", reject);
          }, 300);
        })
        .on("error", reject);
    });
    expect(refused).toBeGreaterThan(0);
    expect(digest).toBe(createHash("sha256").update(payload).digest("hex"));
  });

  it.each([
    ["the client does not accept gzip", {}, "application/json", json],
    ["the client refuses gzip", { "accept-encoding": "gzip;q=0, br" }, "application/json", json],
    ["the body is under 1 KB", undefined, "application/json", '{"ok":true}'],
    ["the type is not compressible", undefined, "image/png", json],
    ["it is a live event stream", undefined, "text/event-stream", `data: ${json}\n\n`],
  ])("sends the body as it is when %s", async (_case, headers, type, text) => {
    handler = (_req, res) => {
      res.setHeader("content-type", type);
      res.end(text);
    };
    const { res, body } = await request(headers);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(body.toString()).toBe(text);
  });

  it("leaves an answer already encoded, or marked no-transform, as it is", async () => {
    const encoded = zlib.brotliCompressSync(json);
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" });
      res.end(encoded);
    };
    const brotli = await request();
    expect(brotli.res.headers["content-encoding"]).toBe("br");
    expect(brotli.body.equals(encoded)).toBe(true);

    handler = (_req, res) => {
      res.writeHead(200, [
        ["content-type", "application/json"],
        ["cache-control", "private, no-transform"],
      ]);
      res.end(json);
    };
    const untouched = await request();
    expect(untouched.res.headers["content-encoding"]).toBeUndefined();
    expect(untouched.body.toString()).toBe(json);
  });

  it("takes the status and headers given to writeHead into account, sends no body for HEAD or 304, and leaves a range as it is", async () => {
    handler = (_req, res) => {
      res.writeHead(201, "Created", { "content-type": "application/json", "x-one": "1" });
      res.end(json);
    };
    const created = await request();
    expect(created.res.statusCode).toBe(201);
    expect(created.res.headers["x-one"]).toBe("1");
    expect(zlib.gunzipSync(created.body).toString()).toBe(json);

    handler = (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(json);
    };
    const head = await request(undefined, "HEAD");
    expect(head.res.headers["content-encoding"]).toBeUndefined();
    expect(head.body.length).toBe(0);

    handler = (_req, res) => {
      res.writeHead(304, { "content-type": "application/json", etag: '"1"' });
      res.end();
    };
    const notModified = await request();
    expect(notModified.res.statusCode).toBe(304);
    expect(notModified.res.headers["content-encoding"]).toBeUndefined();

    handler = (_req, res) => {
      res.writeHead(206, { "content-type": "application/javascript", "content-range": `bytes 0-1999/${json.length}` });
      res.end(json.slice(0, 2000));
    };
    const range = await request({ "accept-encoding": "gzip", range: "bytes=0-1999" });
    expect(range.res.statusCode).toBe(206);
    expect(range.res.headers["content-encoding"]).toBeUndefined();
    expect(range.body.toString()).toBe(json.slice(0, 2000));
  });

  it("lets go of the gzip stream when the client leaves mid-answer, and keeps serving", async () => {
    let closed: () => void = () => undefined;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    let timer: NodeJS.Timeout | undefined;
    handler = (_req, res) => {
      res.setHeader("content-type", "text/plain");
      res.write("x".repeat(4096));
      timer = setInterval(() => res.write("y".repeat(4096)), 10);
      res.once("close", () => {
        clearInterval(timer);
        closed();
      });
    };
    await new Promise<void>((resolve) => {
      const req = http.get({ port, host: "127.0.0.1", headers: { "accept-encoding": "gzip" } }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => undefined);
    });
    await gone;
    handler = (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(json);
    };
    const after = await request();
    expect(zlib.gunzipSync(after.body).toString()).toBe(json);
  });
});
