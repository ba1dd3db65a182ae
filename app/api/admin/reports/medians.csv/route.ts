// Medians to first response and to resolution per Japan day of creation, in minutes, and over the
// whole window in the last row (staff; ?days=, default 30).
import { medianResponseTimes } from "@/lib/data/dashboard";
import { reportCsvRoute } from "@/lib/reports/csv-route";

export const dynamic = "force-dynamic";

const minutes = (seconds: number | null) => (seconds == null ? null : Math.round((seconds / 60) * 10) / 10);

export const GET = reportCsvRoute({
  name: "medians",
  header: ["受付日", "初回返信までの中央値(分)", "解決までの中央値(分)"],
  rows: async ({ days }) => {
    const m = await medianResponseTimes(days);
    return [
      ...m.perDay.map((d) => [d.day, minutes(d.firstResponseSeconds), minutes(d.resolutionSeconds)]),
      [`期間全体(${m.perDay[0]?.day}〜${m.perDay.at(-1)?.day})`, minutes(m.firstResponseSeconds), minutes(m.resolutionSeconds)],
    ];
  },
});
