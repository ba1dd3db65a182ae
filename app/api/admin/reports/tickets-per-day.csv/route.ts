// New tickets per Japan day, the dashboard's bar chart as CSV (staff; ?days=, default 30).
import { newTicketsPerDay } from "@/lib/data/dashboard";
import { reportCsvRoute } from "@/lib/reports/csv-route";

export const dynamic = "force-dynamic";

export const GET = reportCsvRoute({
  name: "tickets-per-day",
  header: ["日付", "新規チケット数"],
  rows: async ({ days }) => (await newTicketsPerDay(days)).map((r) => [r.day, r.count]),
});
