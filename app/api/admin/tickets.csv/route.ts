// CSV export of the triage list's current filter (admins): lib/reports/tickets-csv.ts.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { ticketsCsvStream } from "@/lib/reports/tickets-csv";
import { TicketFilterSchema } from "@/lib/validation/triage";

export const dynamic = "force-dynamic";

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("admin");
  if (guard.response) return guard.response;
  const filter = TicketFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const stream = ticketsCsvStream(guard.user, filter);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tickets-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
