import "server-only";
import { inflateRawSync } from "node:zlib";
import { AppError } from "@/lib/errors";

/** Bounds on what a .docx may expand to before anyone parses it. */
export type ZipLimits = { maxEntries: number; maxExpandedBytes: number };

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const U32_MAX = 0xffffffff;

function damaged(): AppError {
  return new AppError("UNPROCESSABLE", "The file is damaged or is not a Word (.docx) document.");
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", "The document expands to more content than can be imported.");
}

/**
 * Checks that a zip archive (a .docx) is well formed and that inflating all of
 * its entries stays within `limits`, by actually inflating each entry with a
 * hard output cap: sizes declared in the archive are not trusted. This keeps a
 * small "zip bomb" from exhausting memory in the converter.
 *
 * @throws AppError `UNPROCESSABLE` for a malformed or encrypted archive,
 *   `PAYLOAD_TOO_LARGE` when it expands past the limits.
 */
export function assertZipWithinLimits(bytes: Uint8Array, limits: ZipLimits): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));

  try {
    // End of central directory: the last 22+ bytes, possibly followed by a comment.
    let eocd = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
      if (u32(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw damaged();
    let entries = u16(eocd + 10);
    let directory = u32(eocd + 16);
    if ((entries === 0xffff || directory === U32_MAX) && eocd >= 20 && u32(eocd - 20) === EOCD64_LOCATOR) {
      const record = u64(eocd - 20 + 8);
      if (u32(record) !== EOCD64) throw damaged();
      entries = u64(record + 32);
      directory = u64(record + 48);
    }
    if (entries > limits.maxEntries) throw tooLarge();

    let budget = limits.maxExpandedBytes;
    let at = directory;
    for (let i = 0; i < entries; i++) {
      if (u32(at) !== CENTRAL_ENTRY) throw damaged();
      const flags = u16(at + 8);
      const method = u16(at + 10);
      let compressedSize = u32(at + 20);
      const uncompressed32 = u32(at + 24);
      const nameLength = u16(at + 28);
      const extraLength = u16(at + 30);
      const commentLength = u16(at + 32);
      let localOffset = u32(at + 42);
      if (flags & 0x1) throw damaged(); // encrypted
      if (compressedSize === U32_MAX || localOffset === U32_MAX || uncompressed32 === U32_MAX) {
        // Zip64 extended information: 8-byte values, present only for fields set to 0xFFFFFFFF.
        const extraEnd = at + 46 + nameLength + extraLength;
        for (let field = at + 46 + nameLength; field + 4 <= extraEnd; field += 4 + u16(field + 2)) {
          if (u16(field) !== 0x0001) continue;
          let value = field + 4;
          if (uncompressed32 === U32_MAX) value += 8;
          if (compressedSize === U32_MAX) {
            compressedSize = u64(value);
            value += 8;
          }
          if (localOffset === U32_MAX) localOffset = u64(value);
          break;
        }
      }
      if (u32(localOffset) !== LOCAL_ENTRY) throw damaged();
      const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
      if (dataStart + compressedSize > bytes.length) throw damaged();
      const data = bytes.subarray(dataStart, dataStart + compressedSize);

      let expanded: number;
      if (method === 0) {
        expanded = compressedSize;
      } else if (method === 8) {
        try {
          // One byte over the budget is enough to know it does not fit.
          expanded = inflateRawSync(data, {
            maxOutputLength: budget + 1,
          }).length;
        } catch (err) {
          if (err instanceof RangeError) throw tooLarge();
          throw damaged();
        }
      } else {
        throw damaged();
      }
      budget -= expanded;
      if (budget < 0) throw tooLarge();
      at += 46 + nameLength + extraLength + commentLength;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw damaged(); // out-of-bounds reads on a truncated or corrupt archive
  }
}
