import { describe, expect, it } from "vitest";
import { frame, magicLine, MalformedBackupError, readFrames } from "./logical-format";

async function collect(chunks: Buffer[]) {
  async function* input() {
    yield* chunks;
  }
  const frames = [];
  for await (const f of readFrames(input())) frames.push(`${f.kind}:${f.payload.toString()}`);
  return frames;
}

/** The bytes cut into pieces of `size`, as a stream delivers them. */
const pieces = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe("logical backup frames", () => {
  const whole = Buffer.concat([
    magicLine(),
    frame("M", "{}"),
    frame("T", "Annotation"),
    frame("D", "a\tb\nc\\nd\te\n"),
    frame("E", "2"),
    frame("Z", "1"),
  ]);

  it("reads frames however the stream cuts them", async () => {
    const expected = ["M:{}", "T:Annotation", "D:a\tb\nc\\nd\te\n", "E:2", "Z:1"];
    for (const size of [1, 3, 7, whole.length]) expect(await collect(pieces(whole, size))).toEqual(expected);
  });

  it("refuses a truncated stream, another format, a broken header and data after the end", async () => {
    const cases: [Buffer, RegExp][] = [
      [whole.subarray(0, whole.length - 3), /truncated/],
      [whole.subarray(0, whole.length - frame("Z", "1").length), /truncated/],
      [Buffer.from("PGDMP whatever\n"), /does not start as a Marginalia logical backup/],
      [Buffer.from("MARGINALIA-LOGICAL-BACKUP 9\n"), /format version 9/],
      [Buffer.concat([magicLine(), Buffer.from("Q 3\nabc")]), /frame header is broken/],
      [Buffer.concat([whole, frame("D", "x")]), /data after the end/],
      [Buffer.alloc(0), /empty/],
    ];
    for (const [bytes, message] of cases) {
      const error = await collect([bytes]).catch((err) => err);
      expect(error).toBeInstanceOf(MalformedBackupError);
      expect(error.message).toMatch(message);
    }
  });
});
