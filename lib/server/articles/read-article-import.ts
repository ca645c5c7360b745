import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/content/limits";
import type { ArticleUpload } from "@/lib/server/articles/import-article";
import { articleMetadataSchema, pastedArticleSchema, type ArticleMetadata } from "@/lib/validations/article";

// Multipart framing and metadata fields on top of the file itself.
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, {
    details: { fieldErrors: { file: [`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`] } },
  });

/**
 * Reads an import request: multipart form data with a `file` or a `text`
 * field, or JSON with `text`, plus the article's metadata. Refuses oversized
 * bodies before buffering them.
 */
export async function readArticleImport(req: Request): Promise<{ metadata: ArticleMetadata; upload: ArticleUpload }> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw tooLarge();
  const contentType = req.headers.get("content-type") ?? "";

  if (contentType.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.");
    }
    const fields = Object.fromEntries(
      [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    const file = form.get("file");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
      const metadata = articleMetadataSchema.parse(fields);
      return {
        metadata,
        upload: { filename: file.name, mimeType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      };
    }
    const { text, format, ...metadata } = pastedArticleSchema.parse(fields);
    return { metadata, upload: { text, format } };
  }

  if (contentType.startsWith("application/json")) {
    const raw = await req.text();
    if (raw.length > MAX_REQUEST_BYTES) throw tooLarge();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
    }
    const { text, format, ...metadata } = pastedArticleSchema.parse(json);
    return { metadata, upload: { text, format } };
  }

  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the article as multipart/form-data or application/json.");
}
