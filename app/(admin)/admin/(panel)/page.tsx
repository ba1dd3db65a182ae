import type { Metadata } from "next";
import Link from "next/link";
import { DailyBarChart } from "@/components/admin/bar-chart";
import { ContentAttention } from "@/components/admin/content-attention";
import { buttonClass, formatDuration, Time } from "@/components/admin/format";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuideDeclaration, listGuideIds } from "@/lib/content";
import { answerFields, optionLabel } from "@/lib/guides/answers";
import { incidentHints, INCIDENT_WINDOW_MINUTES, medianResponseTimes, newTicketsPerDay, openTicketBreakdown, stepFunnel } from "@/lib/data/dashboard";
import { listServiceStatuses } from "@/lib/data/service-status";
import { TICKET_STATUS } from "@/lib/ticket-fields";
import { publishIncidentNotice } from "./actions";

export const metadata: Metadata = { title: "ダッシュボード" };

export default async function Dashboard({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireStaff("/admin");
  const { notice } = await searchParams;
  const [perDay, open, times, hints, services, funnels] = await Promise.all([
    newTicketsPerDay(30),
    openTicketBreakdown(),
    medianResponseTimes(30),
    incidentHints(),
    listServiceStatuses(),
    Promise.all(listGuideIds().map(async (g) => ({ guideId: g, rows: await stepFunnel(g, 30) }))),
  ]);
  const guideTitle = (id: string | null) => (id ? (getGuideDeclaration(id)?.catalog.title.ja ?? id) : "ガイドなし(汎用フォーム)");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">ダッシュボード</h1>
      {user.role !== "agent" ? <ContentAttention /> : null}
      {notice === "published" ? <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">ヘルプページに障害のお知らせを掲載しました。</p> : null}

      {hints.length ? (
        <section aria-labelledby="incident" className="rounded border-2 border-red-400 bg-red-50 p-4">
          <h2 id="incident" className="text-lg font-bold text-red-900">障害の可能性があります</h2>
          <ul className="mt-2 space-y-3">
            {hints.map((h) => {
              // What the tickets share, in the guide's words; the service is the guide's primary one.
              const guide = getGuideDeclaration(h.guideId)!;
              const service = services.find((s) => s.id === guide.primaryService);
              const fields = answerFields(guide).filter((f) => Object.hasOwn(h.answers, f.key));
              const params = new URLSearchParams({ status: "all", guide: h.guideId, ...Object.fromEntries(fields.map((f) => [`a.${f.key}`, h.answers[f.key]])) });
              return (
                <li key={`${h.guideId}-${JSON.stringify(h.answers)}`} data-testid="incident-hint">
                  <p>
                    直近{INCIDENT_WINDOW_MINUTES}分に、「{guide.catalog.title.ja}」で {fields.map((f) => `${f.label.ja}「${optionLabel(f, h.answers[f.key], "ja")}」`).join("・")} の問い合わせが
                    <strong> {h.count}件 </strong>(<Time value={h.first} /> 〜 <Time value={h.last} />)。
                  </p>
                  <p className="mt-1">
                    <Link className="text-brand-700 underline" href={`/admin/tickets?${params}`}>該当チケットを見る</Link>
                  </p>
                  {user.role === "admin" && service?.state === "operational" ? (
                    <form action={publishIncidentNotice} className="mt-2">
                      <input type="hidden" name="guide" value={h.guideId} />
                      <input type="hidden" name="answers" value={JSON.stringify(h.answers)} />
                      <button type="submit" className={buttonClass}>{service.nameJa}を「一部障害」にしてお知らせを掲載</button>
                    </form>
                  ) : service && service.state !== "operational" ? (
                    <p className="mt-1 text-sm">{service.nameJa}のお知らせは掲載中です(<Link href="/admin/status" className="underline">稼働状況</Link>)。</p>
                  ) : (
                    <p className="mt-1 text-sm">お知らせの掲載は管理者に依頼してください。</p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {open.byStatus.map((s) => (
          <Link key={s.status} href={`/admin/tickets?status=${s.status}`} className="rounded border border-slate-300 bg-white p-4 hover:border-brand-600">
            <span className="block text-sm text-slate-700">{TICKET_STATUS.label(s.status, "ja")}</span>
            <span className="text-3xl font-bold" data-testid={`open-${s.status}`}>{s.count}</span>
          </Link>
        ))}
        <div className="rounded border border-slate-300 bg-white p-4">
          <span className="block text-sm text-slate-700">初回返信までの中央値(30日)</span>
          <span className="text-xl font-bold">{formatDuration(times.firstResponseSeconds)}</span>
          <span className="mt-1 block text-sm text-slate-700">解決までの中央値</span>
          <span className="text-xl font-bold">{formatDuration(times.resolutionSeconds)}</span>
        </div>
      </div>

      <section aria-labelledby="per-day" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="per-day" className="text-lg font-bold">新規チケット(直近30日)</h2>
        <DailyBarChart data={perDay} title="1日あたりの新規チケット数" />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="by-step" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="by-step" className="text-lg font-bold">未解決チケット: 終了ステップ別</h2>
          <CountTable rows={open.byEndStep.map((r) => [stepName("jaist-sso", r.endStep), r.count, r.endStep ? `/admin/tickets?status=all&endStep=${r.endStep}` : null])} head="ステップ" />
        </section>
        <section aria-labelledby="by-message" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="by-message" className="text-lg font-bold">未解決チケット: メッセージ別</h2>
          <CountTable rows={open.byGuide.map((r) => [guideTitle(r.guideId), r.count, `/admin/tickets?status=all&guide=${r.guideId ?? "none"}`])} head="ガイド" />
        </section>
      </div>

      {funnels.map((f) => (
        <section key={f.guideId} aria-labelledby={`funnel-${f.guideId}`} data-testid={`funnel-${f.guideId}`} className="rounded border border-slate-300 bg-white p-4">
          <h2 id={`funnel-${f.guideId}`} className="text-lg font-bold">ステップ別の状況: {guideTitle(f.guideId)}(直近30日)</h2>
          <p className="text-sm text-slate-700">表示回数、「解決した」の数、そこで解決せずお問い合わせになった数。お問い合わせが多いステップは内容の見直し候補です。</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[32rem] text-sm" data-testid="funnel">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="py-1">ステップ</th>
                  <th scope="col" className="text-right">表示</th>
                  <th scope="col" className="text-right">解決した</th>
                  <th scope="col" className="text-right">お問い合わせ</th>
                  <th scope="col" className="text-right">問い合わせ率</th>
                </tr>
              </thead>
              <tbody>
                {f.rows.map((r) => (
                  <tr key={r.stepId} className="border-b border-slate-100">
                    <th scope="row" className="py-1 text-left font-normal">{stepName(f.guideId, r.stepId)}</th>
                    <td className="text-right">{r.views}</td>
                    <td className="text-right">{r.solved}</td>
                    <td className="text-right">{r.tickets}</td>
                    <td className="text-right">{r.views ? `${Math.round((r.tickets / r.views) * 100)}%` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

function CountTable({ rows, head }: { rows: [string, number, string | null][]; head: string }) {
  if (!rows.length) return <p className="mt-2">ありません。</p>;
  return (
    <table className="mt-2 w-full text-sm">
      <thead>
        <tr className="border-b border-slate-300 text-left"><th scope="col">{head}</th><th scope="col" className="text-right">件数</th></tr>
      </thead>
      <tbody>
        {rows.map(([label, count, href]) => (
          <tr key={label} className="border-b border-slate-100">
            <td className="py-1">{href ? <Link href={href} className="text-brand-700 underline">{label}</Link> : label}</td>
            <td className="text-right">{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
