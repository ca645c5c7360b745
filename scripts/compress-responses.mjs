// Gzip for the web server's answers (scripts/server.mjs), in place of Next.js's own (`compress: false`
// in next.config.js). Next.js pipes every answer through a gzip stream and flushes it after each
// chunk it writes, so a 300 KB JSON document made 4–8 round trips through libuv's thread pool, each
// waiting for a turn of the event loop: while an export and an import ran, bench/availability.mjs's
// probe waited 100–180 ms for its document, and 13 ms for the same document uncompressed.
//
// Here an answer whose body is complete within the turn in which its first byte was written (every
// route handler's JSON) is compressed at once and written in one piece: up to 512 KB on this thread
// (about 8 µs per KB, 4 ms at most, where a job of the pool waited 20–60 ms for a thread and a turn
// under load), larger ones in one job of the pool. An answer that still writes after that turn (a
// streamed page, a download) goes through a gzip stream as before, flushed whenever the app flushes,
// with backpressure from the socket to the app.
//
// No library does this: the `compression` middleware (which Next.js bundles) always streams. Which
// answers are compressed follows it: a compressible type, at least 1 KB, not already encoded, not
// `Cache-Control: no-transform`, not HEAD, 204, 206 or 304, and only when the client accepts gzip. Live
// event streams are not compressed: their events are small and must not wait.
//
// Next.js also flushes the headers on their own just before it writes an answer's first chunk: one more
// write to the socket, and one more packet for the client to wake up for, on every answer (measured
// under the API benchmark: about 4 % of the request thread). Here they leave with that chunk, or at the
// end of the turn when nothing followed; and what an answer writes within one turn leaves in one write.
import zlib from "node:zlib";
import compressible from "compressible";
import Negotiator from "negotiator";
import vary from "vary";

/** Smaller answers are sent as they are, as the `compression` middleware does. */
const THRESHOLD_BYTES = 1024;
/** A body complete in one turn up to this size is compressed on this thread. */
const SYNC_MAX_BYTES = 512 * 1024;
/** A body complete in one turn but larger than this streams: one job of the pool should stay short. */
const WHOLE_BODY_MAX_BYTES = 8 * 1024 * 1024;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/** Whether an answer with these headers may be compressed for this request, by the rules above. */
function shouldCompress(req, res, endBytes) {
  if (req.method === "HEAD" || res.statusCode < 200 || [204, 206, 304].includes(res.statusCode)) return false;
  // A range of a file is a range of its bytes as stored: compressing it would make Content-Range lie.
  if (res.getHeader("content-range") !== undefined) return false;
  const type = String(res.getHeader("content-type") ?? "");
  if (!type || !compressible(type) || /^text\/event-stream\b/i.test(type)) return false;
  if (NO_TRANSFORM.test(String(res.getHeader("cache-control") ?? ""))) return false;
  vary(res, "Accept-Encoding");
  const length = res.getHeader("content-length");
  if ((length !== undefined && Number(length) < THRESHOLD_BYTES) || endBytes < THRESHOLD_BYTES) return false;
  if (String(res.getHeader("content-encoding") ?? "identity").toLowerCase() !== "identity") return false;
  return new Negotiator(req).encoding(["gzip", "identity"]) === "gzip";
}

/** `writeHead(status, [reason], [headers])`'s headers, applied with setHeader (they win over earlier ones). */
function applyWriteHeadHeaders(res, args) {
  const headers = typeof args[1] === "string" ? args[2] : args[1];
  if (!headers) return;
  const pairs = Array.isArray(headers)
    ? Array.isArray(headers[0])
      ? headers
      : Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]])
    : Object.entries(headers);
  const seen = new Set();
  for (const [name, value] of pairs) {
    const key = String(name).toLowerCase();
    const previous = seen.has(key) ? res.getHeader(key) : undefined;
    res.setHeader(name, previous === undefined ? value : [previous, value].flat());
    seen.add(key);
  }
}

const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
const byteLength = (chunk, encoding) =>
  !chunk || typeof chunk === "function"
    ? 0
    : Buffer.isBuffer(chunk)
      ? chunk.length
      : Buffer.byteLength(chunk, encoding);

/**
 * Compresses `res` for `req` where the rules allow; call before the app writes anything.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function compressResponses(req, res) {
  const { write, end, writeHead, flushHeaders } = res;
  /** `identity`, or `whole` (collecting a body to compress at once), or `stream`; decided with the headers. */
  let mode = null;
  let ended = false;
  /** The body's length when `end(chunk)` is its only write. */
  let endBytes = Number.POSITIVE_INFINITY;
  let chunks = [];
  let collected = 0;
  let turnChecked = false;
  let gzip = null;
  /** Set once the app wrote or ended: the headers leave with that, or are collected with the body. */
  let wrote = false;
  let headersFlushPending = false;
  let socketHeld = false;

  /**
   * An answer sent as it is leaves in one write too when it ends in the turn of its first write (`end`
   * uncorks the socket fully); otherwise what the turn wrote leaves at its end.
   */
  function holdSocketForTurn() {
    const socket = res.socket;
    if (socketHeld || !socket) return;
    socketHeld = true;
    socket.cork();
    setImmediate(() => {
      // Once the answer ended, the socket was uncorked, and may already carry the next answer.
      if (!res.writableEnded && !socket.destroyed) socket.uncork();
    });
  }

  res.flushHeaders = function () {
    if (wrote || headersFlushPending) return;
    headersFlushPending = true;
    setImmediate(() => {
      if (!wrote && !this.destroyed) flushHeaders.call(this);
    });
  };

  res.writeHead = function (...args) {
    applyWriteHeadHeaders(this, args);
    if (mode === null) {
      this.statusCode = args[0];
      mode = shouldCompress(req, this, endBytes) ? "whole" : "identity";
      if (mode !== "identity") {
        this.setHeader("Content-Encoding", "gzip");
        this.removeHeader("Content-Length");
      }
    }
    return typeof args[1] === "string" ? writeHead.call(this, args[0], args[1]) : writeHead.call(this, args[0]);
  };

  /** From here on the body goes through a gzip stream: it did not end within the turn of its first write. */
  function startStreaming() {
    mode = "stream";
    gzip = zlib.createGzip();
    gzip.on("data", (chunk) => {
      if (write.call(res, chunk) === false) gzip.pause();
    });
    gzip.on("end", () => end.call(res));
    gzip.on("error", (err) => res.destroy(err));
    // Backpressure: the socket's drain lets gzip go on; gzip's drain lets the app go on.
    res.on("drain", () => gzip.resume());
    gzip.on("drain", () => res.emit("drain"));
    if (collected) gzip.write(Buffer.concat(chunks));
    chunks = [];
    if (!ended) gzip.flush();
  }

  function compressWhole(callback) {
    const body = Buffer.concat(chunks);
    chunks = [];
    if (res.destroyed) return;
    if (body.length <= SYNC_MAX_BYTES) {
      write.call(res, zlib.gzipSync(body));
      end.call(res, callback);
      return;
    }
    // One job: an output buffer that holds the whole result (deflate's bound, plus gzip's header).
    zlib.gzip(body, { chunkSize: Math.max(16 * 1024, body.length + (body.length >> 10) + 1024) }, (err, out) => {
      if (res.destroyed) return;
      if (err) return void res.destroy(err);
      write.call(res, out);
      end.call(res, callback);
    });
  }

  res.write = function (chunk, encoding, callback) {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (ended) return false;
    wrote = true;
    if (!this.headersSent) this._implicitHeader();
    if (mode === "identity") {
      holdSocketForTurn();
      return write.call(this, chunk, encoding, callback);
    }
    if (mode === "stream") return gzip.write(toBuffer(chunk, encoding), callback);
    const buffer = toBuffer(chunk, encoding);
    chunks.push(buffer);
    collected += buffer.length;
    if (callback) process.nextTick(callback);
    if (collected > WHOLE_BODY_MAX_BYTES) startStreaming();
    else if (!turnChecked) {
      turnChecked = true;
      setImmediate(() => {
        if (mode === "whole" && !ended) startStreaming();
      });
    }
    return true;
  };

  res.end = function (chunk, encoding, callback) {
    if (typeof chunk === "function") [callback, chunk, encoding] = [chunk, undefined, undefined];
    else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (ended) return this;
    wrote = true;
    if (!this.headersSent) {
      if (collected === 0 && this.getHeader("content-length") === undefined) endBytes = byteLength(chunk, encoding);
      this._implicitHeader();
    }
    if (mode === "identity") return end.call(this, chunk, encoding, callback);
    ended = true;
    if (chunk) {
      const buffer = toBuffer(chunk, encoding);
      if (mode === "stream") gzip.write(buffer);
      else chunks.push(buffer);
      collected += buffer.length;
    }
    if (mode === "stream") {
      if (callback) this.once("finish", callback);
      gzip.end();
    } else compressWhole(callback);
    return this;
  };

  /** Next.js flushes after each chunk of a streamed answer: then the client gets what is written so far. */
  res.flush = function () {
    if (mode === "stream" && !ended) gzip.flush();
  };

  // A client that goes away mid-answer: the gzip stream would otherwise stay open.
  res.once("close", () => {
    if (gzip && !res.writableFinished) gzip.destroy();
  });
}
