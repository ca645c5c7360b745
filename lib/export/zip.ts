import { Readable, Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { crc32 } from "node:zlib";
import { ZipFile } from "yazl";
import type { ExportFile } from "./types";

/**
 * Streams `files` as one zip archive. Files are produced and compressed one
 * after the other, each only once the previous one has been read, so memory
 * holds one file's pending chunk, not the archive. An error in a file's
 * content destroys the archive stream (the download fails rather than
 * ending with a silently truncated file). A reader that stops early (a
 * cancelled download) stops the files too: their generators return, so
 * their cleanup runs instead of waiting forever for a read.
 */
export function zipStream(files: AsyncIterable<ExportFile>, options: { mtime?: Date } = {}): Readable {
  const zip = new ZipFile();
  const output = Readable.from(zip.outputStream as AsyncIterable<Buffer>, { objectMode: false });
  const mtime = options.mtime ?? new Date();
  let input: Readable | undefined;
  output.once("close", () => input?.destroy());
  (async () => {
    for await (const file of files) {
      if (output.destroyed) return;
      input = withNativeChecksum(Readable.from(toBuffers(file.content), { objectMode: false }));
      zip.addReadStream(input, file.name, { mtime, compress: true });
      // Rejects when the input is destroyed before its end (the reader went away).
      await finished(input);
    }
    zip.end();
  })().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
  return output;
}

/**
 * yazl checksums each entry with a CRC-32 written in JavaScript (its own copy
 * of buffer-crc32): 0.3 s of the request thread for a 100,000-annotation
 * export, beside everything else the thread serves. It pipes the entry's
 * stream into a transform that keeps the checksum in `crc32`; that
 * transform's step is swapped here for zlib's native `crc32`, which gives the
 * same value. Any other destination, or a yazl that works otherwise, is left
 * as it is (the zip tests check every entry's checksum).
 */
function withNativeChecksum(input: Readable): Readable {
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    const watcher = destination as unknown as Transform & { crc32: unknown };
    // By shape, not by class name: the production build minifies yazl's names.
    if (watcher instanceof Transform && Object.hasOwn(watcher, "crc32") && watcher.crc32 === 0) {
      watcher._transform = (chunk: Buffer, _encoding, callback) => {
        watcher.crc32 = crc32(chunk, watcher.crc32 as number);
        callback(null, chunk);
      };
    }
    return pipe(destination, options);
  };
  return input;
}

/** Output is handed on in chunks of about this many bytes. */
const CHUNK = 64 * 1024;

/**
 * Joins a format's many small pieces (a row, an annotation; strings, or bytes
 * already encoded) into buffers of about {@link CHUNK} bytes: a stream step, a
 * promise and a Buffer per 64 KB instead of per row, which is most of an
 * export's garbage otherwise.
 */
export async function* toBuffers(content: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  let text = "";
  let parts: Uint8Array[] = [];
  let size = 0;
  const keepText = () => {
    if (!text) return;
    const bytes = Buffer.from(text, "utf8");
    parts.push(bytes);
    size += bytes.length;
    text = "";
  };
  const take = (): Buffer => {
    const [only] = parts;
    const out =
      parts.length === 1 ? Buffer.from(only.buffer, only.byteOffset, only.byteLength) : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return out;
  };
  for await (const chunk of content) {
    if (typeof chunk === "string") {
      text += chunk;
      if (text.length >= CHUNK) {
        keepText();
        yield take();
      }
    } else if (chunk.length) {
      keepText();
      parts.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) yield take();
    }
  }
  keepText();
  if (size) yield take();
}
