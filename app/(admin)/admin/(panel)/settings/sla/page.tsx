import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { listSlaPolicies } from "@/lib/data/business-calendar";
import { TICKET_PRIORITY } from "@/lib/ticket-fields";
import { addOverrideAction, removeOverrideAction, savePoliciesAction, type TargetValues } from "./actions";
import { OverrideForm } from "./_components/override-form";
import { PoliciesForm } from "./_components/policies-form";

export const metadata: Metadata = { title: "SLAの設定" };

const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const split = (minutes: number | null) => (minutes === null ? ["", ""] : [String(Math.floor(minutes / 60)), String(minutes % 60)]);

export default async function SlaSettingsPage() {
  await requireAdmin("/admin/settings/sla");
  const policies = await listSlaPolicies();
  const guideTitle = (id: string) => getGuideDeclaration(id)?.catalog.title.ja ?? id;
  const initial: Record<string, TargetValues> = {};
  for (const p of policies) {
    const [fh, fm] = split(p.firstResponseMinutes);
    const [rh, rm] = split(p.resolutionMinutes);
    initial[`${p.priority}:${p.guideId}`] = { fh, fm, rh, rm };
  }
  const overrides = policies.filter((p) => p.guideId !== "");
  const rows = [
    ...PRIORITIES.map((p) => ({ key: `${p}:`, title: `優先度: ${TICKET_PRIORITY.label(p, "ja")}` })),
    ...overrides.map((p) => ({ key: `${p.priority}:${p.guideId}`, title: `${guideTitle(p.guideId)} ・ ${TICKET_PRIORITY.label(p.priority, "ja")}` })),
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">SLAの設定</h1>
      <p>
        優先度ごとの初回応答・解決の目標時間です。営業時間は <Link href="/admin/settings/calendar" className="text-brand-700 underline">営業日カレンダー</Link>{" "}
        で、達成状況は <Link href="/admin/reports/sla" className="text-brand-700 underline">SLAレポート</Link> で確認できます。回答待ちの間は時間を数えません。
      </p>
      <PoliciesForm action={savePoliciesAction} rows={rows} initial={initial} />
      <section aria-labelledby="overrides-title" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="overrides-title" className="text-lg font-bold">ガイド別の目標</h2>
        <p className="text-sm text-slate-700">そのガイドから届いたチケットには、優先度ごとの目標の代わりにこちらを使います。</p>
        {overrides.length ? (
          <ul className="mt-2 divide-y divide-slate-200">
            {overrides.map((p) => (
              <li key={`${p.priority}:${p.guideId}`} className="flex flex-wrap items-center justify-between gap-2 py-1">
                <span>{guideTitle(p.guideId)} ・ 優先度 {TICKET_PRIORITY.label(p.priority, "ja")}</span>
                <form action={removeOverrideAction}>
                  <input type="hidden" name="priority" value={p.priority} />
                  <input type="hidden" name="guideId" value={p.guideId} />
                  <button type="submit" className="inline-flex min-h-11 items-center rounded border border-slate-400 px-3 text-sm hover:bg-slate-50">
                    削除<span className="sr-only">: {guideTitle(p.guideId)} {TICKET_PRIORITY.label(p.priority, "ja")}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm">ありません。</p>
        )}
        <OverrideForm
          action={addOverrideAction}
          guides={listAllGuideIds().map((id) => [id, guideTitle(id)])}
          priorities={PRIORITIES.map((p) => [p, TICKET_PRIORITY.label(p, "ja")])}
        />
      </section>
    </div>
  );
}
