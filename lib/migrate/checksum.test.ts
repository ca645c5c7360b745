import { describe, expect, it } from "vitest";
import { checksumMatches, migrationChecksum } from "./checksum";

describe("migrationChecksum", () => {
  it("is the zero-padded SHA-256 hex that prisma-engines renders", () => {
    // The expectation of prisma-engines' own `format_checksum_does_not_strip_zeros` test.
    expect(migrationChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });
});

describe("checksumMatches", () => {
  it("matches the same script whatever its line endings", () => {
    const lf = "ab\ncd\nef\n";
    const crlf = "ab\r\ncd\r\nef\r\n";
    expect(checksumMatches(lf, migrationChecksum(crlf))).toBe(true);
    expect(checksumMatches(crlf, migrationChecksum(lf))).toBe(true);
  });

  it("matches checksums that older Prisma versions wrote without zero-padding", () => {
    const unpadded = "2cf24dba5fb0a3e26e83b2ac5b9e29e1b161e5c1fa7425e7343362938b9824";
    expect(checksumMatches("hello", unpadded)).toBe(true);
  });

  it("rejects any other script", () => {
    expect(checksumMatches("abc", migrationChecksum("abcd"))).toBe(false);
    expect(checksumMatches("abc\n", migrationChecksum("abc"))).toBe(false);
  });
});
