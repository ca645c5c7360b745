import { createHash } from "node:crypto";

/**
 * The checksum Prisma Migrate records for a migration script: the SHA-256 of
 * its UTF-8 text as lowercase hex (prisma-engines `render_checksum`).
 */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether `script` is the script that was recorded with `checksum`. Like
 * Prisma, a script still matches after git converted its line endings, and an
 * old checksum written without zero-padding of each byte still matches.
 */
export function checksumMatches(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    const rendered =
      checksum.length === 64 || checksum.length === 0
        ? digest.toString("hex")
        : Array.from(digest, (byte) => byte.toString(16)).join("");
    return rendered === checksum;
  });
}
