// Marginalia's logical backup format, for when no pg_dump fit for the server exists (always so
// for the embedded PostgreSQL, whose npm packages ship no pg_dump).
//
// The file is gzip of: the line `MARGINALIA-LOGICAL-BACKUP 1`, then frames, each a header line
// `<kind> <byte length>` followed by that many bytes:
//   M  the manifest (JSON, below), first
//   T  a table's name: its rows follow
//   D  rows of that table in COPY's text format (portable across PostgreSQL major versions)
//   E  the table's row count: its rows end
//   Z  the end of the backup (the manifest's table count): a file without it is truncated
// `zcat FILE | head -2` shows the manifest.
import { z } from "zod";

export const LOGICAL_MAGIC = "MARGINALIA-LOGICAL-BACKUP";
export const LOGICAL_VERSION = 1;

/** A frame larger than this is taken for corruption (the largest is one table row). */
const MAX_FRAME_BYTES = 1024 * 1024 * 1024;

export const manifestSchema = z.object({
  format: z.literal("marginalia-logical"),
  version: z.literal(LOGICAL_VERSION),
  createdAt: z.string(),
  /** `server_version` of the server backed up, e.g. "18.1". */
  serverVersion: z.string(),
  /** The applied migrations, in order, with their checksums: the schema the rows fit. */
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  /** Every table of the schema, with the columns written (generated columns are recomputed) and its row count. */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().nonnegative() })),
  /** Every sequence of the schema, as setval() takes it. */
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
});

export type LogicalManifest = z.infer<typeof manifestSchema>;

export type FrameKind = "M" | "T" | "D" | "E" | "Z";

/** One frame, ready to write. */
export function frame(kind: FrameKind, payload: Buffer | string): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return Buffer.concat([Buffer.from(`${kind} ${body.length}\n`, "ascii"), body]);
}

export function magicLine(): Buffer {
  return Buffer.from(`${LOGICAL_MAGIC} ${LOGICAL_VERSION}\n`, "ascii");
}

/** Thrown when the decompressed stream is not a well-formed backup of this format. */
export class MalformedBackupError extends Error {}

/**
 * The frames of a decompressed backup stream, in order, holding at most one frame and one
 * chunk of input in memory. Throws MalformedBackupError on a wrong start or a broken frame;
 * a stream that ends mid-frame or before its `Z` frame is truncated.
 */
export async function* readFrames(input: AsyncIterable<Buffer>): AsyncGenerator<{ kind: FrameKind; payload: Buffer }> {
  let buffer: Buffer = Buffer.alloc(0);
  let magicSeen = false;
  let ended = false;
  const header = /^([MTDEZ]) (\d{1,10})$/;
  for await (const chunk of input) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (buffer.length === 0) break;
      if (ended) throw new MalformedBackupError("data after the end of the backup");
      const newline = buffer.indexOf(10);
      if (newline === -1) {
        if (buffer.length > 64) throw new MalformedBackupError("a frame header is broken");
        break;
      }
      const line = buffer.subarray(0, newline).toString("latin1");
      if (!magicSeen) {
        if (line !== `${LOGICAL_MAGIC} ${LOGICAL_VERSION}`) {
          throw new MalformedBackupError(
            line.startsWith(LOGICAL_MAGIC)
              ? `it is of format version ${line.slice(LOGICAL_MAGIC.length + 1)}, this Marginalia reads version ${LOGICAL_VERSION}`
              : "it does not start as a Marginalia logical backup",
          );
        }
        magicSeen = true;
        buffer = buffer.subarray(newline + 1);
        continue;
      }
      const match = header.exec(line);
      if (!match) throw new MalformedBackupError("a frame header is broken");
      const length = Number(match[2]);
      if (length > MAX_FRAME_BYTES) throw new MalformedBackupError("a frame is impossibly large");
      if (buffer.length < newline + 1 + length) break;
      const payload = buffer.subarray(newline + 1, newline + 1 + length);
      buffer = buffer.subarray(newline + 1 + length);
      const kind = match[1] as FrameKind;
      if (kind === "Z") ended = true;
      yield { kind, payload };
    }
  }
  if (!magicSeen) throw new MalformedBackupError("it is empty");
  if (!ended) throw new MalformedBackupError("it ends before its last table (the file is truncated)");
}
