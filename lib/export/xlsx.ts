import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { createOffsetConverter, type OffsetConverter } from "@/lib/anchoring/unicode";
import { TABLE_COLUMNS, tableRow } from "./table";
import type { ExportSource } from "./types";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The CSV's table as an Excel workbook, written with exceljs's streaming
 * writer (rows are committed as they come, so memory stays flat). Cells are
 * strings and numbers, never formulas.
 *
 * A page of rows is written at once, without an await per row (`tableRows`
 * would make a promise and a step per row): the page and exceljs's per-row
 * objects are garbage before anything is waited for, so they die young
 * instead of being promoted (pipeline, 100,000 rows: peak heap +55 → +43 MB,
 * 15 → 8 s with a slow reader).
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
    let articleId: string | null = null;
    let converter: OffsetConverter | null = null;
    for await (const { article, annotations } of source) {
      if (article.id !== articleId || !converter) {
        articleId = article.id;
        converter = createOffsetConverter(article.text);
      }
      for (const annotation of annotations) sheet.addRow(tableRow(article, annotation, converter)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return stream;
}
