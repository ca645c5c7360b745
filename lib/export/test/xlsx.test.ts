import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { TABLE_COLUMNS } from "../table";
import { sourceOf } from "../types";
import { xlsxExport } from "../xlsx";
import { allBatches } from "./fixtures";

describe("XLSX export", () => {
  it("holds the CSV's table, text as text, offsets slicing the quote in code points", async () => {
    const batches = await allBatches();
    const chunks: Buffer[] = [];
    for await (const chunk of xlsxExport(sourceOf(batches))) chunks.push(chunk as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Annotations")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...TABLE_COLUMNS]);
    const annotations = batches.flatMap((b) => b.annotations.map((a) => ({ article: b.article, a })));
    expect(sheet.actualRowCount).toBe(annotations.length + 1);
    annotations.forEach(({ article, a }, i) => {
      const row = sheet.getRow(i + 2);
      const cell = (c: (typeof TABLE_COLUMNS)[number]) => row.getCell(TABLE_COLUMNS.indexOf(c) + 1).value;
      expect(cell("quote")).toBe(a.exact);
      expect(cell("annotation_id")).toBe(a.id);
      if (a.anchorState !== "ORPHANED") {
        expect(
          Array.from(article.text)
            .slice(cell("start") as number, cell("end") as number)
            .join(""),
        ).toBe(a.exact);
      }
    });
  });
});
