// The one way to serve a report as CSV: GET /api/admin/reports/<name>.csv (decision 0032).
//
//   // app/api/admin/reports/<name>.csv/route.ts
//   import { reportCsvRoute } from "@/lib/reports/csv-route";
//   export const dynamic = "force-dynamic";
//   export const GET = reportCsvRoute({
//     name: "tickets-per-day",                 // the file is <name>-<Japan day>.csv
//     header: ["日付", "新規チケット数"],
//     rows: async ({ days }) => (await newTicketsPerDay(days)).map((r) => [r.day, r.count]),
//   });
//
// It checks the session first (staff: agents, editors and admins; `need: "admin"` for fewer), reads
// `?days=` (1-366, default 30; anything else is a 400 that says what is allowed, never a 500),
// answers 503 while the database is down, and streams UTF-8 with a BOM, CRLF and formula-safe cells
// (lib/csv.ts) so that Excel opens Japanese text as it is. `rows` may return an array or an async
// iterable (for a long report read page by page); each row is an array of cells.
import { guardApi, type StaffSessionUser } from "@/lib/auth/guards";
import type { Need } from "@/lib/auth/access";
import { BOM, csvRow } from "@/lib/csv";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { jstDay } from "@/lib/jst";
import { ReportParamsSchema, type ReportParams } from "@/lib/validation/reports";

type Rows = unknown[][] | AsyncIterable<unknown[]>;

export type ReportCsvOptions = {
  name: string;
  header: string[];
  rows: (params: ReportParams, user: StaffSessionUser, url: URL) => Promise<Rows> | Rows;
  need?: Need;
};

export function reportCsvRoute({ name, header, rows, need = "staff" }: ReportCsvOptions) {
  return withDatabaseOutage(async function GET(request: Request): Promise<Response> {
    const guard = await guardApi(need);
    if (guard.response) return guard.response;
    const url = new URL(request.url);
    const parsed = ReportParamsSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      return new Response(parsed.error.issues.map((i) => i.message).join("\n"), {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    // Read before the response starts, so that a failed query is a 503 or 500, not a cut-off file.
    const source = await rows(parsed.data, guard.user, url);
    const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : null;
    const list = Array.isArray(source) ? source : null;
    let index = 0;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(BOM + csvRow(header)));
      },
      async pull(controller) {
        if (list) {
          // A few hundred rows per chunk: small reports go out in one piece.
          const chunk = list.slice(index, index + 500);
          index += chunk.length;
          if (!chunk.length) return controller.close();
          controller.enqueue(encoder.encode(chunk.map(csvRow).join("")));
          return;
        }
        const next = await iterator!.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(csvRow(next.value)));
      },
      async cancel() {
        await iterator?.return?.(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}-${jstDay(new Date())}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
