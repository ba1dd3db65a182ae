import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/admin/format";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuide, getGuideDeclaration, listGuideIds } from "@/lib/content";
import { countOpenFeedbackComments, listFeedbackComments, type FeedbackState } from "@/lib/data/feedback";
import { shortestWalks } from "@/lib/guide-graph";
import { guideHref } from "@/lib/help-urls";
import { isLocale } from "@/lib/i18n";
import { mayHandleFeedback } from "@/lib/insight/feedback-handled";
import { setHandledAction } from "./actions";

export const metadata: Metadata = { title: "「解決しない」の声" };

const STATES: { id: FeedbackState; label: string }[] = [
  { id: "open", label: "未対応" },
  { id: "handled", label: "対応済み" },
  { id: "all", label: "すべて" },
];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const button = "inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 text-sm hover:bg-slate-100";

/** The step's public page (its canonical walk), in the language the comment was written in. */
function publicStepHref(guideId: string, stepId: string, locale: string): string | null {
  const guide = getGuide(guideId);
  const walk = guide ? shortestWalks(guide).get(stepId) : undefined;
  return walk ? guideHref(isLocale(locale) ? locale : "ja", guideId, walk) : null;
}

export default async function FeedbackReport({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/admin/reports/feedback");
  const params = await searchParams;
  const state = STATES.find((s) => s.id === one(params.state))?.id ?? "open";
  const guideParam = one(params.guide);
  const guideId = guideParam && ID.test(guideParam) && getGuideDeclaration(guideParam) ? guideParam : undefined;
  const stepParam = one(params.step);
  const stepId = guideId && stepParam && ID.test(stepParam) ? stepParam : undefined;
  const error = one(params.error);
  const [rows, open] = await Promise.all([listFeedbackComments({ state, guideId, stepId }), countOpenFeedbackComments()]);
  const canHandle = mayHandleFeedback(user);
  const filter = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ state, guide: guideId, step: stepId, ...extra })) if (v) p.set(k, v);
    return `/admin/reports/feedback?${p}`;
  };
  const guideTitle = (id: string) => getGuideDeclaration(id)?.catalog.title.ja ?? id;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">「解決しない」の声</h1>
      <p className="text-sm text-slate-700">
        ガイドの手順で「解決しない」を選んだ人が残したコメントです(新しい順)。内容を直したら「対応済みにする」で印を付けてください。
        {canHandle ? null : " 対応済みの印は編集者と管理者が付けます。"}
      </p>
      {error === "not-found" ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">そのコメントは見つかりません。</p> : null}

      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="対応状況" className="flex flex-wrap gap-1">
          {STATES.map((s) => (
            <Link key={s.id} href={filter({ state: s.id })} aria-current={s.id === state ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded border px-3 text-sm ${s.id === state ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white hover:bg-slate-100"}`}>
              {s.label}
            </Link>
          ))}
        </nav>
        {guideId ? <Link href={filter({ guide: undefined, step: undefined })} className="inline-flex min-h-11 items-center underline">絞り込みを解除({stepId ? stepName(guideId, stepId) : guideTitle(guideId)})</Link> : null}
        <a href={`/api/admin/reports/feedback.csv?${new URLSearchParams({ state, ...(guideId ? { guide: guideId } : {}), ...(stepId ? { step: stepId } : {}) })}`} className="inline-flex min-h-11 items-center underline" download>CSVでダウンロード</a>
      </div>

      {open.length ? (
        <section aria-labelledby="per-step" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="per-step" className="text-lg font-bold">未対応の数(手順別)</h2>
          <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            {open.map((o) => (
              <li key={`${o.guideId}/${o.stepId}`}>
                <Link href={filter({ guide: o.guideId, step: o.stepId, state: "open" })} className="underline">
                  {listGuideIds().length > 1 ? `${guideTitle(o.guideId)}: ` : ""}{stepName(o.guideId, o.stepId)}
                </Link>{" "}
                {o.open}件
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {rows.length === 0 ? <p data-testid="feedback-empty">該当するコメントはありません。</p> : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" aria-label="コメントの一覧" data-testid="feedback-list">
          {rows.map((r) => {
            const publicHref = publicStepHref(r.guideId, r.stepId, r.locale);
            return (
              <li key={r.id} data-feedback={r.id} data-handled={r.handledAt ? "true" : "false"} className="space-y-2 p-3">
                <p className="text-sm text-slate-700">
                  {guideTitle(r.guideId)} · {stepName(r.guideId, r.stepId)} · <Time value={r.createdAt} /> · {r.locale === "en" ? "英語" : "日本語"}
                </p>
                <p className="whitespace-pre-wrap break-words" lang={r.locale}>{r.comment}</p>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  {publicHref ? <a href={publicHref} className="inline-flex min-h-11 items-center underline">公開ページで見る</a> : null}
                  <Link href={`/admin/content/guides/${r.guideId}/steps/${r.stepId}`} className="inline-flex min-h-11 items-center underline" prefetch={false}>この手順を編集</Link>
                  {r.handledAt ? (
                    <span data-testid="handled-by">対応済み: {r.handledBy?.name ?? "(削除されたスタッフ)"}・<Time value={r.handledAt} /></span>
                  ) : null}
                  {canHandle ? (
                    <form action={setHandledAction}>
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="handled" value={r.handledAt ? "false" : "true"} />
                      <input type="hidden" name="state" value={state} />
                      {guideId ? <input type="hidden" name="guide" value={guideId} /> : null}
                      {stepId ? <input type="hidden" name="step" value={stepId} /> : null}
                      <button type="submit" className={button}>{r.handledAt ? "未対応に戻す" : "対応済みにする"}</button>
                    </form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
