import { once } from "node:events";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { ExportFile } from "./types";

/**
 * Streams `files` as one zip archive. Files are produced and compressed one
 * after the other, each only once the previous one has been read, so memory
 * holds one file's pending chunk, not the archive. An error in a file's
 * content destroys the archive stream (the download fails rather than
 * ending with a silently truncated file).
 */
export function zipStream(files: AsyncIterable<ExportFile>, options: { mtime?: Date } = {}): Readable {
  const zip = new ZipFile();
  const output = Readable.from(zip.outputStream as AsyncIterable<Buffer>, { objectMode: false });
  const mtime = options.mtime ?? new Date();
  (async () => {
    for await (const file of files) {
      const input = Readable.from(toBuffers(file.content), { objectMode: false });
      zip.addReadStream(input, file.name, { mtime, compress: true });
      await once(input, "end");
    }
    zip.end();
  })().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
  return output;
}

async function* toBuffers(content: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of content) {
    if (chunk.length) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
  }
}
