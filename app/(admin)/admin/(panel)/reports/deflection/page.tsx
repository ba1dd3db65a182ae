import type { Metadata } from "next";
import { ReportWindowNav } from "@/components/admin/report-window";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuideDeclaration, listGuideIds } from "@/lib/content";
import { deflectionSummary, selfServiceScore, stepDeflection, TICKET_WITHIN_HOURS } from "@/lib/data/deflection";
import { guideHref } from "@/lib/help-urls";
import { formatRate, parseReportDays, rate, reportWindow } from "@/lib/insight/window";

export const metadata: Metadata = { title: "自己解決(ディフレクション)" };

export default async function DeflectionReport({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("/admin/reports/deflection");
  const window = reportWindow(parseReportDays((await searchParams).days));
  const [summary, guides] = await Promise.all([
    deflectionSummary(window),
    Promise.all(listGuideIds().map(async (guideId) => ({ guideId, rows: await stepDeflection(guideId, window) }))),
  ]);
  const score = selfServiceScore(summary);
  const card = "rounded border border-slate-300 bg-white p-4";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">自己解決(ディフレクション)</h1>
      <ReportWindowNav path="/admin/reports/deflection" csv="/api/admin/reports/deflection.csv" window={window} />

      <section aria-labelledby="summary" className="space-y-3">
        <h2 id="summary" className="text-lg font-bold">ヘルプセンター全体</h2>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="deflection-summary">
          <div className={card}>
            <dt className="text-sm text-slate-700">セルフサービススコア</dt>
            <dd className="text-3xl font-bold" data-testid="self-service-score">{score == null ? "—" : `${score.toFixed(1)} : 1`}</dd>
            <dd className="text-sm">ガイドを使ったセッション {summary.sessions} ÷ チケット {summary.tickets}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-700">解決による自己解決</dt>
            <dd className="text-3xl font-bold" data-testid="solved-deflection">{summary.solvedDeflection}</dd>
            <dd className="text-sm">セッションの {formatRate(rate(summary.solvedDeflection, summary.sessions))}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-700">潜在的な自己解決</dt>
            <dd className="text-3xl font-bold" data-testid="potential-deflection">{summary.potentialDeflection}</dd>
            <dd className="text-sm">セッションの {formatRate(rate(summary.potentialDeflection, summary.sessions))}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-700">{TICKET_WITHIN_HOURS}時間以内に問い合わせたセッション</dt>
            <dd className="text-3xl font-bold" data-testid="ticketed-sessions">{summary.ticketedSessions}</dd>
            <dd className="text-sm">セッションの {formatRate(rate(summary.ticketedSessions, summary.sessions))}</dd>
          </div>
        </dl>
        <details className={card}>
          <summary className="cursor-pointer font-semibold">数え方</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            <li><strong>セッション</strong>: ヘルプセンターの閲覧ひとまとまり。ブラウザを閉じるまで続くランダムなID(ハッシュ化して保存。個人は特定しません)で数えます。ガイドの手順を1つ以上表示したものだけが対象です。</li>
            <li><strong>セルフサービススコア</strong>(Zendeskの定義): 期間内にガイドを使ったセッション数 ÷ 期間内のチケット数(フォーム・API・メールすべて)。高いほど、問い合わせ1件あたり多くの人がヘルプで用を済ませています。</li>
            <li><strong>解決による自己解決</strong>: 「解決した」と答え、最初の表示から最後の表示の{TICKET_WITHIN_HOURS}時間後までにチケットを出さなかったセッション。</li>
            <li><strong>潜在的な自己解決</strong>: 回答はしていないが、最後に見た手順が対処方法を示す手順(「解決しましたか?」を聞く手順)で、チケットを出さなかったセッション。解決したかどうかは分からないため「潜在的」です。</li>
            <li>この3つは重なりません(チケットを出したセッションはどちらにも入りません)。すべて同じ期間・同じセッションの集まりで数えるので、率は100%を超えません。</li>
            <li>手順ごとの「問い合わせ」: その手順に初めて到達してから{TICKET_WITHIN_HOURS}時間以内に同じセッションからチケットが出た数。「表示」はページの表示回数(セッションなしの表示も含む)です。</li>
          </ul>
        </details>
      </section>

      {guides.map(({ guideId, rows }) => {
        const title = getGuideDeclaration(guideId)?.catalog.title.ja ?? guideId;
        return (
          <section key={guideId} aria-labelledby={`guide-${guideId}`} className={card} data-testid={`deflection-${guideId}`}>
            <h2 id={`guide-${guideId}`} className="text-lg font-bold">ステップ別: {title}</h2>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full min-w-[40rem] text-sm">
                <caption className="sr-only">{title} の手順ごとの表示・到達セッション・解決・問い合わせ</caption>
                <thead>
                  <tr className="border-b border-slate-300 text-left">
                    <th scope="col" className="py-1">ステップ</th>
                    <th scope="col" className="text-right">表示</th>
                    <th scope="col" className="text-right">到達セッション</th>
                    <th scope="col" className="text-right">解決した</th>
                    <th scope="col" className="text-right">解決率</th>
                    <th scope="col" className="text-right">{TICKET_WITHIN_HOURS}時間以内の問い合わせ</th>
                    <th scope="col" className="text-right">問い合わせ率</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.stepId} className="border-b border-slate-100" data-step={r.stepId}>
                      <th scope="row" className="py-1 text-left font-normal">
                        <a href={guideHref("ja", guideId, r.walk)} className="text-brand-700 underline">{stepName(guideId, r.stepId)}</a>
                        {r.leaf ? <span className="ml-1 text-xs text-slate-700">(対処)</span> : null}
                      </th>
                      <td className="text-right">{r.views}</td>
                      <td className="text-right" data-col="sessions">{r.sessions}</td>
                      <td className="text-right" data-col="solved">{r.leaf ? r.solved : "—"}</td>
                      <td className="text-right">{r.leaf ? formatRate(rate(r.solved, r.sessions)) : "—"}</td>
                      <td className="text-right" data-col="ticketed">{r.ticketed}</td>
                      <td className="text-right" data-col="ticket-rate">{formatRate(rate(r.ticketed, r.sessions))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
