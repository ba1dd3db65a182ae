import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { upcomingHolidays, WEEKDAYS } from "@/lib/business-time";
import { getCalendarSettings, listClosureDays } from "@/lib/data/business-calendar";
import { jstDay } from "@/lib/jst";
import { formatClock } from "@/lib/validation/business-calendar";
import { addClosureAction, removeClosureAction, saveHoursAction, type DayValues } from "./actions";
import { ClosureForm } from "./_components/closure-form";
import { HoursForm } from "./_components/hours-form";

export const metadata: Metadata = { title: "営業日カレンダー" };

const WEEKDAY_SHORT = ["日", "月", "火", "水", "木", "金", "土"];
const dayLabel = (day: string) => `${day.replaceAll("-", "/")}(${WEEKDAY_SHORT[new Date(`${day}T00:00:00Z`).getUTCDay()]})`;

export default async function CalendarPage() {
  await requireAdmin("/admin/settings/calendar");
  const [settings, closures] = await Promise.all([getCalendarSettings(), listClosureDays()]);
  const today = jstDay(new Date());
  const days: Record<string, DayValues> = {};
  for (const d of WEEKDAYS) {
    const h = settings.hours[d];
    days[String(d)] = h ? { open: true, opens: formatClock(h[0]), closes: formatClock(h[1]) } : { open: false, opens: "08:30", closes: "17:15" };
  }
  const upcoming = closures.filter((c) => c.day >= today);
  const past = closures.length - upcoming.length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">営業日カレンダー</h1>
      <p>
        対応期限(SLA)の計算に使います。目標時間は <Link href="/admin/settings/sla" className="text-brand-700 underline">SLAの設定</Link> で変更できます。
      </p>
      <HoursForm action={saveHoursAction} initial={{ days, warningMinutes: String(settings.warningMinutes) }} />

      <section aria-labelledby="closures-title" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="closures-title" className="text-lg font-bold">休業日</h2>
        <p className="text-sm text-slate-700">土日・祝日のほかに休む日(年末年始、大学の休業日など)。</p>
        {upcoming.length ? (
          <ul className="mt-2 divide-y divide-slate-200" data-testid="closure-days">
            {upcoming.map((c) => (
              <li key={c.day} className="flex flex-wrap items-center justify-between gap-2 py-1">
                <span>
                  <span className="font-mono">{dayLabel(c.day)}</span> {c.label}
                </span>
                <form action={removeClosureAction}>
                  <input type="hidden" name="day" value={c.day} />
                  <button type="submit" className="inline-flex min-h-11 items-center rounded border border-slate-400 px-3 text-sm hover:bg-slate-50">
                    削除<span className="sr-only">: {c.day} {c.label}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm">今日以降の休業日はありません。</p>
        )}
        {past ? <p className="mt-1 text-sm text-slate-700">過去の休業日 {past}日は、過去の期限の記録のために残しています。</p> : null}
        <ClosureForm action={addClosureAction} />
      </section>

      <section aria-labelledby="holidays-title" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="holidays-title" className="text-lg font-bold">今後の祝日(参考)</h2>
        <p className="text-sm text-slate-700">内閣府の「国民の祝日」に基づく一覧(@holiday-jp/holiday_jp)で、自動で休業扱いになります。</p>
        <ul className="mt-2 grid gap-x-4 sm:grid-cols-2">
          {upcomingHolidays(today, 10).map((h) => (
            <li key={h.day}>
              <span className="font-mono">{dayLabel(h.day)}</span> {h.name}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
