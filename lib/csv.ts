// CSV as Excel reads it: UTF-8 with a byte-order mark (else Japanese turns to mojibake), CRLF, and
// RFC 4180 quoting. Cells that a spreadsheet would run as a formula are prefixed with a quote.

export const BOM = "\uFEFF";

export function csvCell(value: unknown): string {
  // Empty cells are most of an export's answer columns: no tests for them.
  if (value == null || value === "") return "";
  let s = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
  // Requester text starting with = + - @ would be a formula in Excel (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  // A loop rather than map and join: one string built, no array per row (the export writes 100k rows).
  let line = values.length ? csvCell(values[0]) : "";
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}
