import "server-only";
import { inflateRawSync } from "node:zlib";
import { AppError } from "@/lib/errors";

/** A text file of a zip archive. */
export type ZipTextEntry = { name: string; text: string };

export type ZipLimits = {
  /** Most entries read (folders excluded). */
  maxEntries: number;
  /** Most bytes all entries may expand to, together. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry over 1 MB that is not plainly a bomb. */
  maxRatio: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries smaller than this are never judged by their ratio (small files compress unevenly). */
const RATIO_FLOOR = 1024 * 1024;

const bad = (message: string) => new AppError("UNPROCESSABLE", message, { details: { problems: [{ message }] } });
const bomb = (limits: ZipLimits) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `The zip expands to more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB (or ${limits.maxRatio} times its size): it was not read.`,
  );

/**
 * Reads the text files of a zip archive (stored or deflated; no encryption,
 * no zip64) named by `wanted`, never trusting its headers: each entry is
 * inflated with a hard output cap, so a zip bomb stops at the cap whatever
 * sizes it declares. Entries whose names `wanted` refuses are not inflated.
 */
export function readZipText(bytes: Uint8Array, limits: ZipLimits, wanted: (name: string) => boolean): ZipTextEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad("The zip archive is damaged: its directory is missing.");
  const count = buf.readUInt16LE(eocd + 10);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw bad("Zip64 archives are not supported.");

  const entries: ZipTextEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw bad("The zip archive is damaged.");
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at = next;
    if (name.endsWith("/") || !wanted(name)) continue;
    if (entries.length >= limits.maxEntries) throw bad(`The zip holds more than ${limits.maxEntries} files.`);
    if (flags & 1) throw bad(`${name} is encrypted.`);
    if (method !== 0 && method !== 8)
      throw bad(`${name} is compressed in a way that cannot be read (method ${method}).`);
    const tooDense = (size: number) => size > RATIO_FLOOR && size / Math.max(1, compressed) > limits.maxRatio;
    if (declared > limits.maxTotalBytes - total || tooDense(declared)) {
      throw bomb(limits);
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL)
      throw bad("The zip archive is damaged.");
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (data.length !== compressed) throw bad("The zip archive is truncated.");
    let content: Buffer;
    if (method === 0) {
      content = data;
    } else {
      try {
        // The cap is what may still be read, whatever the entry claims.
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, limits.maxTotalBytes - total) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw bomb(limits);
        throw bad(`${name} cannot be decompressed.`);
      }
    }
    if (tooDense(content.length)) throw bomb(limits);
    total += content.length;
    try {
      entries.push({ name, text: new TextDecoder("utf-8", { fatal: true }).decode(content) });
    } catch {
      throw bad(`${name} is not UTF-8 text.`);
    }
  }
  return entries;
}
