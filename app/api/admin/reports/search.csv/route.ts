// The search report as CSV (staff): the figures per language, then every query of the window with its counts.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { searchesPerLocale, topQueries } from "@/lib/data/search-report";
import { csvResponse } from "@/lib/insight/csv-response";
import { parseReportDays, reportWindow } from "@/lib/insight/window";

export const dynamic = "force-dynamic";

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const window = reportWindow(parseReportDays(new URL(request.url).searchParams.get("days")));
  const [perLocale, queries] = await Promise.all([searchesPerLocale(window), topQueries(window, { limit: 500 })]);
  const period = `${window.fromDay}..${window.toDay}`;
  const rows: unknown[][] = [["期間", "言語", "検索数", "結果なし", "結果あり", "クリックあり", "セッションあり", "24時間以内に問い合わせ"]];
  for (const r of perLocale) rows.push([period, r.locale, r.searches, r.noResult, r.withResults, r.clicked, r.inSession, r.followedByTicket]);
  rows.push([]);
  rows.push(["期間", "言語", "言葉", "検索数", "結果なし", "クリックあり", "最後の検索"]);
  for (const q of queries) rows.push([period, q.locale, q.query, q.searches, q.noResult, q.clicked, q.lastAt]);
  return csvResponse("search", rows);
});
