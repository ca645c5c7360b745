import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes, CR or LF and doubles quotes", () => {
    const csv = toCsv(
      ["label", "value"],
      [
        ['Person, "named"', 0.5],
        ["two\nlines", -0.25],
        ["cr\rhere", null],
        ["plain", 1],
      ],
    );
    expect(csv).toBe('label,value\r\n"Person, ""named""",0.5\r\n"two\nlines",-0.25\r\n"cr\rhere",\r\nplain,1\r\n');
  });

  it("reads back with a minimal RFC 4180 parser", () => {
    const rows = [
      ["a,b", 'say "hi"', "x\r\ny"],
      ["", "  spaced ", "é😀"],
    ];
    expect(parse(toCsv(["c1", "c2", "c3"], rows))).toEqual([["c1", "c2", "c3"], ...rows]);
  });

  it("guards spreadsheet formulas in text but not in numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("@SUM, 1")).toBe(`"'@SUM, 1"`);
    expect(csvField("=1", { escapeFormulas: false })).toBe("=1");
    expect(csvField(-0.5)).toBe("-0.5");
  });

  it("writes null, undefined and non-finite numbers as empty fields", () => {
    expect([csvField(null), csvField(undefined), csvField(NaN), csvField(true)]).toEqual(["", "", "", "true"]);
  });
});

/** RFC 4180 records (CRLF-terminated) back into fields. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      i++;
      while (i < csv.length) {
        if (csv[i] === '"' && csv[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (csv[i] === '"') {
          i++;
          break;
        } else field += csv[i++];
      }
    } else if (csv[i] === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (csv.startsWith("\r\n", i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else field += csv[i++];
  }
  return rows;
}
