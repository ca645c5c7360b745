import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/validations/annotation-import";
import { readZipText, type ZipLimits, type ZipTextEntry } from "@/lib/server/imports/read-zip";
import { timeSlices } from "@/lib/server/time-slices";

/** An uploaded annotation file, decoded, with the form's other fields. */
export type ImportUpload = {
  filename: string | null;
  content: string;
  /** brat: the `.txt` the `.ann` was made on, if sent. */
  txt: string | null;
  /** The text files of an uploaded zip (then `content` is empty). */
  zip: ZipTextEntry[] | null;
  fields: Record<string, string>;
};

/** Limits on an uploaded zip (a brat or workspace export): what it may expand to, not just its size. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: MAX_IMPORT_BYTES * 2, maxRatio: 200 };
const ZIP_MEMBERS = /\.(jsonld|json|jsonl|ann|txt)$/i;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

// Multipart framing and the optional .txt on top of the file itself.
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES * 2 + 64 * 1024;
const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MB(MAX_IMPORT_BYTES)}. Split it and import the parts.`, {
    details: { fieldErrors: { file: [`The file is larger than ${MB(MAX_IMPORT_BYTES)}.`] } },
  });

/** Reads the body up to `limit` bytes; past it, stops reading and answers 413. */
async function readCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A body already received is read chunk by chunk in promise callbacks, without a turn of the
  // event loop (5 MB of them: up to 155 ms in one stretch in a profile under load).
  const slices = timeSlices();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
    if (slices.due()) await slices.pass();
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function decode(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The ${what} is not UTF-8 text.`);
  }
}

/**
 * Reads an annotation import: multipart form data with a `file` (and for brat
 * an optional `txt` file) plus option fields, or the file itself as the raw
 * body (JSON, JSON-LD, JSON Lines, a brat `.ann` as text/plain, or a zip of
 * these) with options in the query. Oversized bodies are refused before they
 * are buffered; zips are read within {@link ZIP_LIMITS}.
 */
export async function readImportUpload(req: Request): Promise<ImportUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  const query = Object.fromEntries(new URL(req.url).searchParams);

  if (contentType.startsWith("multipart/form-data")) {
    const bytes = await readCapped(req, MAX_REQUEST_BYTES);
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError("UNPROCESSABLE", "Choose a file to import.", {
        details: { fieldErrors: { file: ["Choose a file to import."] } },
      });
    }
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    const fileBytes = new Uint8Array(await file.arrayBuffer());
    const txtFile = form.get("txt");
    const txt =
      txtFile instanceof File && txtFile.size > 0
        ? decode(new Uint8Array(await txtFile.arrayBuffer()), "text file")
        : null;
    const fields = Object.fromEntries(
      [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    const zip = isZip(fileBytes) ? readZipText(fileBytes, ZIP_LIMITS, (name) => ZIP_MEMBERS.test(name)) : null;
    return {
      filename: file.name || null,
      content: zip ? "" : decode(fileBytes, "file"),
      txt,
      zip,
      fields: { ...query, ...fields },
    };
  }

  if (/^(application\/(json|ld\+json|x-ndjson|jsonl|zip)|text\/plain)/.test(contentType)) {
    const bytes = await readCapped(req, MAX_IMPORT_BYTES);
    const zip = isZip(bytes) ? readZipText(bytes, ZIP_LIMITS, (name) => ZIP_MEMBERS.test(name)) : null;
    return {
      filename: query.filename ?? null,
      content: zip ? "" : decode(bytes, "file"),
      txt: null,
      zip,
      fields: query,
    };
  }

  throw new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the file as multipart/form-data, or as application/json, application/ld+json, application/zip or text/plain.",
  );
}
