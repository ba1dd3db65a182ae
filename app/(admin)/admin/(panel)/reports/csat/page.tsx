// The CSAT report (issue 13): per guide, per end step and per agent over the tickets resolved in the
// period, with the comments of that period (docs/decisions/0030-csat.md). Any staff member.
import type { Metadata } from "next";
import { BarChart } from "@/components/admin/charts";
import Link from "next/link";
import { buttonClass, inputClass, Time } from "@/components/admin/format";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuideDeclaration } from "@/lib/content";
import { CSAT_STAFF_LABEL } from "@/lib/csat/labels";
import { csatRates, percent } from "@/lib/csat/rates";
import type { CsatCounts } from "@/lib/csat/window";
import { CSAT_COMMENTS_SHOWN, csatReport, listCsatComments } from "@/lib/data/csat";
import { parseReportPeriod } from "@/lib/validation/csat";

export const metadata: Metadata = { title: "顧客満足度(CSAT)" };

const guideTitle = (id: string | null) => (id ? (getGuideDeclaration(id)?.catalog.title.ja ?? id) : "ガイドなし(汎用フォーム)");

export default async function CsatReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("/admin/reports/csat");
  const period = parseReportPeriod(await searchParams);
  const range = { from: period.start, to: period.end };
  const [report, comments] = await Promise.all([csatReport(range), listCsatComments(range)]);
  const query = new URLSearchParams({ from: period.from, to: period.to });
  const total = csatRates(report.total);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">顧客満足度(CSAT)</h1>
      <p className="text-sm text-slate-700">
        期間内に解決したチケットについて、依頼者の評価(満足・不満)を集計します。満足率は評価のうち「満足」の割合、回答率は解決したチケットのうち評価されたものの割合です。
      </p>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-4" aria-labelledby="period-title">
        <h2 id="period-title" className="sr-only">期間</h2>
        <label className="block">
          <span className="text-sm font-semibold">開始日(解決日)</span>
          <input type="date" name="from" defaultValue={period.from} className={inputClass} />
        </label>
        <label className="block">
          <span className="text-sm font-semibold">終了日</span>
          <input type="date" name="to" defaultValue={period.to} className={inputClass} />
        </label>
        <button type="submit" className={buttonClass}>表示</button>
      </form>
      {period.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{period.error}</p>
      ) : null}

      <section aria-labelledby="csat-total" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="csat-total" className="text-lg font-bold">
          全体({period.from} 〜 {period.to})
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="csat-total">
          <Figure label="解決" value={`${report.total.resolved}件`} />
          <Figure label="評価" value={`${report.total.rated}件`} />
          <Figure label="満足率" value={percent(total.goodPercent)} testId="csat-good-percent" />
          <Figure label="回答率" value={percent(total.responsePercent)} />
        </dl>
        <p className="mt-3 flex flex-wrap gap-x-4">
          <a href={`/api/admin/reports/csat.csv?${query}`} download className="inline-flex min-h-11 items-center text-brand-700 underline">集計をCSVでダウンロード</a>
          <a href={`/api/admin/reports/csat.csv?${query}&part=comments`} download className="inline-flex min-h-11 items-center text-brand-700 underline">コメントをCSVでダウンロード</a>
        </p>
      </section>

      <section aria-labelledby="csat-chart" className="min-w-0 rounded border border-slate-300 bg-white p-4" data-testid="csat-chart">
        <h2 id="csat-chart" className="text-lg font-bold">ガイド別の満足率</h2>
        <BarChart
          title="ガイド別の満足率(評価のうち「満足」の割合)"
          unit="%"
          xLabel="ガイド"
          yLabel="満足率"
          data={report.byGuide
            .filter((r) => r.rated > 0)
            .map((r) => ({ key: r.guideId ?? "none", label: guideTitle(r.guideId), value: csatRates(r).goodPercent ?? 0 }))}
        />
      </section>

      <CountsTable id="csat-by-guide" title="ガイド別" head="ガイド" rows={report.byGuide.map((r) => ({ key: r.guideId ?? "none", label: guideTitle(r.guideId), counts: r }))} />
      <CountsTable
        id="csat-by-step"
        title="終了ステップ別"
        head="終了ステップ"
        rows={report.byEndStep.map((r) => ({ key: `${r.guideId ?? "none"}:${r.endStep ?? ""}`, label: `${guideTitle(r.guideId)} / ${stepName(r.guideId, r.endStep)}`, counts: r }))}
      />
      <CountsTable id="csat-by-agent" title="担当者別(解決時の担当者)" head="担当者" rows={report.byAgent.map((r) => ({ key: r.agentId ?? "none", label: r.agentName ?? (r.agentId ? "(削除されたスタッフ)" : "未割り当て"), counts: r }))} />

      <section aria-labelledby="csat-comments" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="csat-comments" className="text-lg font-bold">コメント</h2>
        {comments.length ? (
          <>
            {comments.length >= CSAT_COMMENTS_SHOWN ? <p className="text-sm text-slate-700">新しい{CSAT_COMMENTS_SHOWN}件を表示しています。すべてはCSVでダウンロードできます。</p> : null}
            <ul className="mt-2 divide-y divide-slate-200" data-testid="csat-comment-list">
              {comments.map((c) => (
                <li key={c.id} className="py-3">
                  <p className="text-sm text-slate-700">
                    <Link href={`/admin/tickets/${c.reference}`} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline">{c.reference}</Link>
                    {" ・ "}
                    <strong className={c.rating === "bad" ? "text-red-800" : "text-emerald-800"}>{c.rating ? CSAT_STAFF_LABEL[c.rating] : ""}</strong>
                    {" ・ "}
                    {guideTitle(c.guideId)} / {stepName(c.guideId, c.endStep)} ・ {c.agentName ?? "未割り当て"} ・ <Time value={c.updatedAt} />
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words">{c.comment}</p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-2">この期間のコメントはありません。</p>
        )}
      </section>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold" data-testid={testId}>{value}</dd>
    </div>
  );
}

function CountsTable({ id, title, head, rows }: { id: string; title: string; head: string; rows: { key: string; label: string; counts: CsatCounts }[] }) {
  return (
    <section aria-labelledby={id} className="rounded border border-slate-300 bg-white p-4">
      <h2 id={id} className="text-lg font-bold">{title}</h2>
      {rows.length ? (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm" data-testid={id}>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="py-1">{head}</th>
                <th scope="col" className="text-right">解決</th>
                <th scope="col" className="text-right">評価</th>
                <th scope="col" className="text-right">満足</th>
                <th scope="col" className="text-right">不満</th>
                <th scope="col" className="text-right">満足率</th>
                <th scope="col" className="text-right">回答率</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const rates = csatRates(r.counts);
                return (
                  <tr key={r.key} className="border-b border-slate-100">
                    <th scope="row" className="py-1 text-left font-normal">{r.label}</th>
                    <td className="text-right">{r.counts.resolved}</td>
                    <td className="text-right">{r.counts.rated}</td>
                    <td className="text-right">{r.counts.good}</td>
                    <td className="text-right">{r.counts.bad}</td>
                    <td className="text-right">{percent(rates.goodPercent)}</td>
                    <td className="text-right">{percent(rates.responsePercent)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-2">この期間に解決したチケットはありません。</p>
      )}
    </section>
  );
}
