// The dashboard's small deflection summary (30 days), linking to the insight reports; the step funnel
// that was here became the deflection report (docs/decisions/0031).
import Link from "next/link";
import { selfServiceScore, type DeflectionSummary } from "@/lib/data/deflection";
import { formatRate, rate } from "@/lib/insight/window";

const link = "inline-flex min-h-11 items-center text-brand-700 underline";

export function DeflectionBlock({ summary, days }: { summary: DeflectionSummary; days: number }) {
  const score = selfServiceScore(summary);
  return (
    <section aria-labelledby="deflection" className="rounded border border-slate-300 bg-white p-4" data-testid="deflection-summary">
      <h2 id="deflection" className="text-lg font-bold">自己解決(直近{days}日)</h2>
      <p className="mt-1">
        セルフサービススコア <strong data-testid="self-service-score">{score == null ? "—" : `${score.toFixed(1)} : 1`}</strong>
        (ガイドを使ったセッション {summary.sessions} ÷ チケット {summary.tickets})・ 解決による自己解決{" "}
        {formatRate(rate(summary.solvedDeflection, summary.sessions))}・ 潜在的な自己解決 {formatRate(rate(summary.potentialDeflection, summary.sessions))}
      </p>
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
        <Link href="/admin/reports/deflection" className={link}>ステップ別の自己解決と問い合わせ</Link>
        <Link href="/admin/reports/search" className={link}>検索の分析</Link>
        <Link href="/admin/reports/feedback" className={link}>「解決しない」の声</Link>
      </p>
      <p className="text-xs text-slate-700">この欄は10分ごとに集計し直します。最新の数はレポートで見られます。</p>
    </section>
  );
}
