import type { Metadata } from "next";
import { Time } from "@/components/admin/format";
import { ReportWindowNav } from "@/components/admin/report-window";
import { requireStaff } from "@/lib/auth/guards";
import { FOLLOWED_WITHIN_HOURS, searchesPerLocale, topQueries, type TopQuery } from "@/lib/data/search-report";
import { formatRate, parseReportDays, rate, reportWindow } from "@/lib/insight/window";

export const metadata: Metadata = { title: "検索の分析" };

const LOCALE = { ja: "日本語", en: "英語" } as Record<string, string>;

export default async function SearchReport({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("/admin/reports/search");
  const window = reportWindow(parseReportDays((await searchParams).days));
  const [perLocale, top, empty] = await Promise.all([searchesPerLocale(window), topQueries(window), topQueries(window, { noResultOnly: true })]);
  const card = "rounded border border-slate-300 bg-white p-4";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">検索の分析</h1>
      <ReportWindowNav path="/admin/reports/search" csv="/api/admin/reports/search.csv" window={window} />

      <section aria-labelledby="per-locale" className={card}>
        <h2 id="per-locale" className="text-lg font-bold">言語別</h2>
        {perLocale.length === 0 ? <p className="mt-2">この期間の検索はありません。</p> : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm" data-testid="search-per-locale">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="py-1">言語</th>
                  <th scope="col" className="text-right">検索数</th>
                  <th scope="col" className="text-right">結果なし率</th>
                  <th scope="col" className="text-right">クリック率</th>
                  <th scope="col" className="text-right">{FOLLOWED_WITHIN_HOURS}時間以内に問い合わせ</th>
                </tr>
              </thead>
              <tbody>
                {perLocale.map((r) => (
                  <tr key={r.locale} className="border-b border-slate-100" data-locale={r.locale}>
                    <th scope="row" className="py-1 text-left font-normal">{LOCALE[r.locale] ?? r.locale}</th>
                    <td className="text-right">{r.searches}</td>
                    <td className="text-right">{formatRate(rate(r.noResult, r.searches))}({r.noResult})</td>
                    <td className="text-right">{formatRate(rate(r.clicked, r.withResults))}({r.clicked})</td>
                    <td className="text-right">{formatRate(rate(r.followedByTicket, r.inSession))}({r.followedByTicket})</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-semibold">数え方</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>検索: 検索ページ、お問い合わせ前の「どんな問題ですか?」の候補表示(入力中の続きは1回にまとめます)。同じ言葉の再読み込みは数えません。</li>
            <li>言葉は小文字・全角半角をそろえ、メールアドレス・長い数字・パスワードらしきものを伏せて保存します。90日で消えます。</li>
            <li>結果なし率: 結果が0件だった検索 ÷ 検索。クリック率: 結果のどれかを開いた検索 ÷ 結果があった検索。</li>
            <li>問い合わせ: 検索から{FOLLOWED_WITHIN_HOURS}時間以内に同じセッションからチケットが出た検索 ÷ セッションのある検索。</li>
          </ul>
        </details>
      </section>

      <section aria-labelledby="no-result" className={card}>
        <h2 id="no-result" className="text-lg font-bold">結果がなかった検索(多い順)</h2>
        <p className="text-sm text-slate-700">ヘルプに足りない言葉や記事の候補です。ガイドや記事の言い回しに加えるか、新しい記事を検討してください。</p>
        <QueryTable rows={empty} testId="no-result-queries" showEmpty={false} />
      </section>

      <section aria-labelledby="top" className={card}>
        <h2 id="top" className="text-lg font-bold">よく検索された言葉</h2>
        <QueryTable rows={top} testId="top-queries" showEmpty />
      </section>
    </div>
  );
}

function QueryTable({ rows, testId, showEmpty }: { rows: TopQuery[]; testId: string; showEmpty: boolean }) {
  if (!rows.length) return <p className="mt-2">ありません。</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full min-w-[30rem] text-sm" data-testid={testId}>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-1">言葉</th>
            <th scope="col">言語</th>
            <th scope="col" className="text-right">検索数</th>
            {showEmpty ? <th scope="col" className="text-right">結果なし</th> : null}
            {showEmpty ? <th scope="col" className="text-right">クリックあり</th> : null}
            <th scope="col" className="text-right">最後</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.locale}:${r.query}`} className="border-b border-slate-100">
              <td className="py-1 break-all" lang={r.locale}>{r.query}</td>
              <td>{LOCALE[r.locale] ?? r.locale}</td>
              <td className="text-right">{r.searches}</td>
              {showEmpty ? <td className="text-right">{r.noResult}</td> : null}
              {showEmpty ? <td className="text-right">{r.clicked}</td> : null}
              <td className="text-right"><Time value={r.lastAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
