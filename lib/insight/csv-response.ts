// A report's CSV as the ticket export makes it (lib/csv.ts: UTF-8 with BOM, CRLF, formula cells quoted).
import { BOM, csvRow } from "@/lib/csv";

export function csvResponse(name: string, rows: unknown[][], now: Date = new Date()): Response {
  const body = BOM + rows.map(csvRow).join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
