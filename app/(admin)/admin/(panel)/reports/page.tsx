// Every report in one place (issue 13), for any staff member: what each answers, and its CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { ReportCsvLink } from "@/components/admin/report-csv-link";
import { requireStaff } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "レポート" };

const REPORTS = [
  { href: "/admin/reports/sla", csv: "sla", title: "SLAの達成状況", what: "初回返信と解決の目標(営業時間)を守れたチケットの割合。週・ガイド・優先度ごと。" },
  { href: "/admin/reports/csat", csv: "csat", title: "顧客満足度(CSAT)", what: "解決後の評価(満足・不満)とコメント。ガイド・終了ステップ・担当者ごと。" },
  { href: "/admin/reports/deflection", csv: "deflection", title: "自己解決(ディフレクション)", what: "ガイドで解決してお問い合わせに至らなかった割合と、ステップごとの到達・解決・問い合わせ。" },
  { href: "/admin/reports/search", csv: "search", title: "検索の分析", what: "言語ごとの検索数、結果なしの割合、クリック率、検索後のお問い合わせ、結果のない語。" },
  { href: "/admin/reports/feedback", csv: "feedback", title: "「解決しない」の声", what: "ステップごとの「うまくいかなかった点」のコメント。対応済みにできます。" },
] as const;

const DASHBOARD_CSVS = [
  { name: "tickets-per-day", label: "1日あたりの新規チケット" },
  { name: "medians", label: "初回返信・解決までの中央値" },
  { name: "open-breakdown", label: "未解決チケットの内訳" },
] as const;

export default async function ReportsPage() {
  await requireStaff("/admin/reports");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">レポート</h1>
      <ul className="grid gap-4 md:grid-cols-2">
        {REPORTS.map((r) => (
          <li key={r.href} className="rounded border border-slate-300 bg-white p-4">
            <h2 className="text-lg font-bold">
              <Link href={r.href} className="text-brand-700 underline">{r.title}</Link>
            </h2>
            <p className="text-sm text-slate-700">{r.what}</p>
            <ReportCsvLink name={r.csv} label={r.title} />
          </li>
        ))}
      </ul>
      <section aria-labelledby="dashboard-csv" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="dashboard-csv" className="text-lg font-bold">ダッシュボードの数値</h2>
        <ul>
          {DASHBOARD_CSVS.map((c) => (
            <li key={c.name}>
              <ReportCsvLink name={c.name} label={c.label} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
