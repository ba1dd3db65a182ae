// The window picker and CSV link every insight report shares: plain links, so they work without
// JavaScript and the URL says what is shown.
import Link from "next/link";
import { REPORT_WINDOWS, type ReportWindow } from "@/lib/insight/window";

export function ReportWindowNav({ path, csv, window, extra = {} }: { path: string; csv: string; window: ReportWindow; extra?: Record<string, string> }) {
  const href = (days: number) => `${path}?${new URLSearchParams({ ...extra, days: String(days) })}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <nav aria-label="期間" className="flex flex-wrap gap-1">
        {REPORT_WINDOWS.map((d) => (
          <Link
            key={d}
            href={href(d)}
            aria-current={d === window.days ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded border px-3 text-sm ${d === window.days ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white hover:bg-slate-100"}`}
          >
            直近{d}日
          </Link>
        ))}
      </nav>
      <span className="text-sm text-slate-700">
        {window.fromDay} 〜 {window.toDay}(日本時間)
      </span>
      {/* A plain link: the CSV is a download, not a page to prefetch. */}
      <a href={`${csv}?${new URLSearchParams({ ...extra, days: String(window.days) })}`} className="inline-flex min-h-11 items-center underline" download>
        CSVでダウンロード
      </a>
    </div>
  );
}
