import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { TABLE_COLUMNS, tableRows } from "./table";
import type { ExportSource } from "./types";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The CSV's table as an Excel workbook, written with exceljs's streaming
 * writer (rows are committed as they come, so memory stays flat). Cells are
 * strings and numbers, never formulas.
 */
export function xlsxExport(source: ExportSource): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet("Annotations", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = TABLE_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === "quote" || key === "comments" ? 60 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const row of tableRows(source)) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return stream;
}
