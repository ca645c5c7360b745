/**
 * CSV (RFC 4180) for agreement figures.
 *
 * A field is quoted when it contains a comma, a double quote, CR or LF (and,
 * harmlessly, when it starts or ends with a space); quotes inside are
 * doubled. Records end with CRLF, the last one included. Numbers are written
 * in full precision (`String(n)`), null and undefined as an empty field.
 *
 * Spreadsheet formula injection: labels are user-chosen, and a text field
 * starting with =, +, -, @, tab or CR is run as a formula by Excel and
 * LibreOffice. Such *string* fields are prefixed with a single quote (the
 * OWASP "CSV injection" advice) unless `escapeFormulas: false`. Numbers are
 * never prefixed, so a negative kappa stays a number.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Prefix text fields that a spreadsheet would run as formulas with "'" (default true). */
  escapeFormulas?: boolean;
}

/** One field, quoted as RFC 4180 requires. */
export function csvField(value: CsvCell, options: CsvOptions = {}): string {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (typeof value === "string" && options.escapeFormulas !== false && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header record, then one record per row. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  return [header, ...rows].map((row) => row.map((cell) => csvField(cell, options)).join(",") + "\r\n").join("");
}
