import type { Metadata } from "next";
import Link from "next/link";
import { LineChart } from "@/components/admin/charts";
import { formatDateTime } from "@/components/admin/format";
import { requireStaff } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { getSlaReport, type SlaReportRow } from "@/lib/data/sla-report";
import { guideLabel, percentLabel, priorityLabel, weekLabel } from "@/lib/sla-report-labels";

export const metadata: Metadata = { title: "SLAレポート" };

const WEEKS = 12;
const th = "border-b border-slate-300 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-200 px-2 py-1 tabular-nums";

function Table({ id, title, first, rows }: { id: string; title: string; first: string; rows: { label: string; row: SlaReportRow }[] }) {
  return (
    <section aria-labelledby={id} className="rounded border border-slate-300 bg-white p-3">
      <h2 id={id} className="text-lg font-bold">{title}</h2>
      {rows.length ? (
        // Wide tables scroll inside their box at 375 px instead of widening the page.
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm" data-testid={`sla-report-${id}`}>
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className={th}>{first}</th>
                <th scope="colgroup" colSpan={4} className={th}>初回応答</th>
                <th scope="colgroup" colSpan={4} className={th}>解決</th>
              </tr>
              <tr>
                {["対象", "達成", "超過", "達成率", "対象", "達成", "超過", "達成率"].map((h, i) => (
                  <th key={i} scope="col" className={th}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ label, row }) => (
                <tr key={row.key}>
                  <th scope="row" className={`${td} text-left font-normal`}>{label}</th>
                  <td className={td}>{row.firstResponse.targets}</td>
                  <td className={td}>{row.firstResponse.met}</td>
                  <td className={td}>{row.firstResponse.breached}</td>
                  <td className={td}>{percentLabel(row.firstResponse.percent)}</td>
                  <td className={td}>{row.resolution.targets}</td>
                  <td className={td}>{row.resolution.met}</td>
                  <td className={td}>{row.resolution.breached}</td>
                  <td className={td}>{percentLabel(row.resolution.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-2 text-sm">この期間に目標のあるチケットはありません。</p>
      )}
    </section>
  );
}

export default async function SlaReportPage() {
  await requireStaff("/admin/reports/sla");
  const at = now();
  const report = await getSlaReport(at, WEEKS);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">SLAレポート</h1>
      <p className="text-sm text-slate-700" data-testid="report-as-of">集計時点 <time dateTime={at.toISOString()}>{formatDateTime(at)}</time></p>
      <p className="text-sm">
        直近{WEEKS}週に受け付けたチケットの目標達成状況です(受付日の週、日本時間)。達成率は期限を迎えたものだけで数え、期限前のものは含みません。
        全体: 初回応答 {percentLabel(report.total.firstResponse.percent)} ・ 解決 {percentLabel(report.total.resolution.percent)}
      </p>
      <p>
        <a href="/api/admin/reports/sla.csv" className="inline-flex min-h-11 items-center text-brand-700 underline" download>CSVでダウンロード</a>
        {" ・ "}
        <Link href="/admin/settings/sla" className="inline-flex min-h-11 items-center text-brand-700 underline">目標時間(管理者)</Link>
      </p>
      <section aria-labelledby="weeks-chart" className="min-w-0 rounded border border-slate-300 bg-white p-3" data-testid="sla-chart">
        <h2 id="weeks-chart" className="text-lg font-bold">週ごとの達成率</h2>
        <LineChart
          title="受付週ごとのSLA達成率"
          unit="%"
          xLabel="受付週"
          yLabel="達成率"
          categories={report.weeks.map((row) => ({ key: row.key, label: weekLabel(row.key) }))}
          series={[
            { name: "初回応答", values: report.weeks.map((row) => row.firstResponse.percent) },
            { name: "解決", values: report.weeks.map((row) => row.resolution.percent) },
          ]}
        />
      </section>
      <Table id="weeks" title="週ごと" first="週" rows={report.weeks.map((row) => ({ label: weekLabel(row.key), row }))} />
      <Table id="guides" title="ガイドごと" first="ガイド" rows={report.guides.map((row) => ({ label: guideLabel(row.key), row }))} />
      <Table id="priorities" title="優先度ごと" first="優先度" rows={report.priorities.map((row) => ({ label: priorityLabel(row.key), row }))} />
    </div>
  );
}
