import type { Metadata } from "next";
import Link from "next/link";
import { CsatSummaryBlock } from "@/components/admin/csat-summary";
import { buttonClass, Time } from "@/components/admin/format";
import { ReportCsvLink } from "@/components/admin/report-csv-link";
import { ContentAttention } from "@/components/admin/content-attention";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuideDeclaration } from "@/lib/content";
import { answerFields, optionLabel } from "@/lib/guides/answers";
import { dashboardReads, INCIDENT_WINDOW_MINUTES } from "@/lib/data/dashboard";
import { TICKET_STATUS } from "@/lib/ticket-fields";
import { DeflectionBlock } from "./_components/deflection-block";
import { ResponseTimesBlock } from "./_components/response-times-block";
import { TicketsPerDayBlock } from "./_components/tickets-per-day-block";
import { publishIncidentNotice } from "./actions";

const DAYS = 30;

export const metadata: Metadata = { title: "ダッシュボード" };

export default async function Dashboard({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireStaff("/admin");
  const { notice } = await searchParams;
  const { perDay, open, times, hints, services, deflection, csat } = await dashboardReads(DAYS);
  const guideTitle = (id: string | null) => (id ? (getGuideDeclaration(id)?.catalog.title.ja ?? id) : "ガイドなし(汎用フォーム)");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">ダッシュボード</h1>
      <p><Link href="/admin/reports/sla" className="inline-flex min-h-11 items-center text-brand-700 underline">SLAの達成状況(週・ガイド・優先度ごと)</Link></p>
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

      <div className="grid gap-4 sm:grid-cols-3">
        {open.byStatus.map((s) => (
          <Link key={s.status} href={`/admin/tickets?status=${s.status}`} className="rounded border border-slate-300 bg-white p-4 hover:border-brand-600">
            <span className="block text-sm text-slate-700">{TICKET_STATUS.label(s.status, "ja")}</span>
            <span className="text-3xl font-bold" data-testid={`open-${s.status}`}>{s.count}</span>
          </Link>
        ))}
      </div>

      <CsatSummaryBlock counts={csat} />

      <div className="grid gap-4 lg:grid-cols-2">
        <TicketsPerDayBlock data={perDay} days={DAYS} />
        <ResponseTimesBlock times={times} days={DAYS} />
      </div>

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
      <ReportCsvLink name="open-breakdown" label="未解決チケットの内訳" />

      <DeflectionBlock summary={deflection} days={DAYS} />
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
