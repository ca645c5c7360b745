import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";

/**
 * Streams a request body to a temporary file (a zip is read from its end, so
 * it needs the whole file, but never in memory) and runs `consume` on it; the
 * file is removed afterwards whatever happens. More than `maxBytes` answers 413.
 */
export async function withUploadedFile<T>(
  req: Request,
  maxBytes: number,
  consume: (filePath: string) => Promise<T>,
): Promise<T> {
  if (!req.body) throw new AppError("BAD_REQUEST", "Send the archive as the request body.");
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The archive is too large.");
  }
  const dir = await mkdtemp(path.join(tmpdir(), "marginalia-archive-"));
  const file = path.join(dir, "upload.zip");
  try {
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > maxBytes) done(new AppError("PAYLOAD_TOO_LARGE", "The archive is too large."));
        else done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>),
      limit,
      createWriteStream(file),
    );
    if (received === 0) throw new AppError("BAD_REQUEST", "Send the archive as the request body.");
    return await consume(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
