import { crc32 } from "node:zlib";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { zipStream } from "../zip";
import { unzipEntries } from "./unzip";

/** Zips files given as name → pieces of content (as the formats hand them over) and reads the archive back. */
async function roundTrip(files: Record<string, readonly (string | Uint8Array)[]>) {
  const zip = zipStream(
    (async function* () {
      for (const [name, pieces] of Object.entries(files)) {
        yield {
          name,
          content: (async function* () {
            yield* pieces;
          })(),
        };
      }
    })(),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of zip) chunks.push(chunk as Buffer);
  return unzipEntries(Buffer.concat(chunks));
}

describe("zipStream", () => {
  it("writes each file's CRC-32 of its whole content, over many chunks", async () => {
    // Text in pieces of every size, and bytes that are not text.
    const pieces = Array.from(
      { length: 400 },
      (_, i) => `{"n":${i},"quote":"${"Kābul “quoted” 喀布尔 ".repeat(i % 37)}"},\n`,
    );
    const binary = randomBytes(300_000);
    const files = await roundTrip({
      "text.jsonld": pieces,
      "bytes.bin": [binary.subarray(0, 1), binary.subarray(1)],
      "empty.txt": [],
    });
    expect(files.map((f) => f.name)).toEqual(["text.jsonld", "bytes.bin", "empty.txt"]);
    const expected = [Buffer.from(pieces.join(""), "utf8"), binary, Buffer.alloc(0)];
    files.forEach((file, i) => {
      expect(file.content.equals(expected[i])).toBe(true);
      expect(file.crc32).toBe(crc32(expected[i]));
    });
  });

  it("checksums with zlib's native CRC-32, not yazl's JavaScript one", async () => {
    const require = createRequire(import.meta.url);
    const yazlsCrc32 = createRequire(require.resolve("yazl"))("buffer-crc32") as { unsigned: (b: Buffer) => number };
    const javascript = vi.spyOn(yazlsCrc32, "unsigned");
    try {
      const content = randomBytes(200_000);
      const [file] = await roundTrip({ "a.bin": [content] });
      expect(file.crc32).toBe(crc32(content));
      expect(javascript).not.toHaveBeenCalled();
    } finally {
      javascript.mockRestore();
    }
  });
});
