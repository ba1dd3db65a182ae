// CSV as Excel reads it: UTF-8 with a byte-order mark (else Japanese turns to mojibake), CRLF, and
// RFC 4180 quoting. Cells that a spreadsheet would run as a formula are prefixed with a quote.

export const BOM = "\uFEFF";

export function csvCell(value: unknown): string {
  if (value == null) return "";
  let s = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
  // Requester text starting with = + - @ would be a formula in Excel (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
