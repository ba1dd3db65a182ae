// The dashboard's CSAT block: good % of the tickets resolved in the last 30 days, with a link to the
// report (docs/decisions/0030-csat.md). Its figure comes with the dashboard's other reads (dashboardReads).
import Link from "next/link";
import { csatRates, percent } from "@/lib/csat/rates";
import type { CsatCounts } from "@/lib/csat/window";

export function CsatSummaryBlock({ counts }: { counts: CsatCounts }) {
  const rates = csatRates(counts);
  return (
    <section aria-labelledby="csat-summary" className="rounded border border-slate-300 bg-white p-4" data-testid="csat-summary">
      <h2 id="csat-summary" className="text-lg font-bold">顧客満足度(直近30日)</h2>
      <p className="mt-1">
        満足率 <strong className="text-2xl" data-testid="csat-summary-good">{percent(rates.goodPercent)}</strong>
        <span className="ml-2 text-sm text-slate-700">
          (評価 {counts.rated}件 / 解決 {counts.resolved}件、回答率 {percent(rates.responsePercent)})
        </span>
      </p>
      <p className="mt-1">
        <Link href="/admin/reports/csat" className="inline-flex min-h-11 items-center text-brand-700 underline">満足度レポートを見る</Link>
      </p>
    </section>
  );
}
