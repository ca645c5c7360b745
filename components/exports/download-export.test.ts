import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/server/exports/export-response";
import { fileNameFromDisposition, formatBytes } from "./download-export";

describe("fileNameFromDisposition", () => {
  it("reads back what the export routes send, UTF-8 names included", () => {
    for (const name of ["annotations.csv", "kabul-ü-😀.zip", 'odd "name";.txt']) {
      expect(fileNameFromDisposition(contentDisposition(name), "x")).toBe(name);
    }
  });

  it("falls back to the plain filename, then to the default", () => {
    expect(fileNameFromDisposition('attachment; filename="a.jsonld"', "x")).toBe("a.jsonld");
    expect(fileNameFromDisposition("attachment; filename=b.csv", "x")).toBe("b.csv");
    expect(fileNameFromDisposition(null, "export")).toBe("export");
  });
});

describe("formatBytes", () => {
  it("uses B, kB, MB and GB", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(12_345)).toBe("12.3 kB");
    expect(formatBytes(4_500_000)).toBe("4.5 MB");
    expect(formatBytes(2_000_000_000)).toBe("2.00 GB");
  });
});
