import yazl from "yazl";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readZipText } from "./read-zip";

async function zipOf(entries: { name: string; data: Buffer; compress?: boolean }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: e.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Rewrites every central directory entry's declared uncompressed size, as a hostile zip would. */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i < out.length - 4; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

const limits = { maxEntries: 10, maxTotalBytes: 1024 * 1024, maxRatio: 200 };
const all = () => true;

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("did not throw");
}

describe("readZipText", () => {
  it("reads stored and deflated text entries, only those wanted", async () => {
    const zip = await zipOf([
      { name: "a.ann", data: Buffer.from("T1\tPerson 0 5\tAhmad 🙂\n") },
      { name: "a.txt", data: Buffer.from("Ahmad 🙂"), compress: false },
      { name: "image.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    expect(readZipText(zip, limits, (name) => !name.endsWith(".png"))).toEqual([
      { name: "a.ann", text: "T1\tPerson 0 5\tAhmad 🙂\n" },
      { name: "a.txt", text: "Ahmad 🙂" },
    ]);
  });

  it("refuses a bomb by its declared size, and stops inflating one that lies about it", async () => {
    const bomb = await zipOf([{ name: "x.jsonld", data: Buffer.alloc(4 * 1024 * 1024, 0x20) }]);
    expect(thrown(() => readZipText(bomb, limits, all)).code).toBe("PAYLOAD_TOO_LARGE");
    const liar = lieAboutSizes(bomb, 100);
    expect(thrown(() => readZipText(liar, { ...limits, maxRatio: 1e9 }, all)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a dense entry by its ratio, too many entries, and damaged archives", async () => {
    const dense = await zipOf([{ name: "x.json", data: Buffer.alloc(2 * 1024 * 1024, 0x20) }]);
    expect(thrown(() => readZipText(dense, { ...limits, maxTotalBytes: 10 * 1024 * 1024 }, all)).message).toMatch(
      /200 times its size/,
    );
    const many = await zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.json`, data: Buffer.from("[]") })));
    expect(thrown(() => readZipText(many, limits, all)).message).toMatch(/more than 10 files/);
    expect(thrown(() => readZipText(Buffer.from("PK\u0003\u0004 nothing else"), limits, all)).code).toBe(
      "UNPROCESSABLE",
    );
    const truncated = await zipOf([{ name: "a.json", data: Buffer.from("[1,2,3]".repeat(100)) }]);
    expect(thrown(() => readZipText(truncated.subarray(0, truncated.length - 30), limits, all)).code).toBe(
      "UNPROCESSABLE",
    );
  });
});
