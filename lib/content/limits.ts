/**
 * Limits on imported articles. Imported by the upload form as well as the
 * server, so this module must stay free of server-only imports.
 */

/** Largest accepted upload, in bytes (5 MiB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Longest accepted canonical text, in UTF-16 code units (the unit of every stored offset). */
export const MAX_TEXT_CHARS = 1_000_000;

/** File extensions the importer accepts, as shown to users. */
export const SUPPORTED_UPLOAD_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"] as const;
