import { RELATION_COLUMNS, relationTableRows, TABLE_COLUMNS, tableRows } from "./table";
import type { ExportSource } from "./types";

/**
 * CSV per RFC 4180: CRLF line ends, a header row, fields quoted when they hold
 * a comma, a double quote, CR or LF (quotes doubled). UTF-8 with a byte-order
 * mark so spreadsheet applications detect the encoding. Columns: see
 * {@link TABLE_COLUMNS}.
 */
export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8; header=present";

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Streams the CSV document, one line per annotation. */
export async function* csvExport(source: ExportSource): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(TABLE_COLUMNS)}`;
  for await (const row of tableRows(source)) yield csvLine(TABLE_COLUMNS.map((c) => row[c]));
}

/**
 * Streams the relations file that goes with the CSV: the same filters, one
 * line per relation whose two ends are in the annotations file. Columns: see
 * {@link RELATION_COLUMNS}.
 */
export async function* csvRelationsExport(source: ExportSource): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(RELATION_COLUMNS)}`;
  for await (const row of relationTableRows(source)) yield csvLine(RELATION_COLUMNS.map((c) => row[c]));
}
