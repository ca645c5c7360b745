import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
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
      input = Readable.from(toBuffers(file.content), { objectMode: false });
      zip.addReadStream(input, file.name, { mtime, compress: true });
      // Rejects when the input is destroyed before its end (the reader went away).
      await finished(input);
    }
    zip.end();
  })().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
  return output;
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
