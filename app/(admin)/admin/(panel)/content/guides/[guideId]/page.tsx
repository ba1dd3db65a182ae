// A guide's map (issue 12): the step graph of its newest version, the draft/live state, the problems
// that stop a publish (each linking to its step) and the way to the form, the publish page and history.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Time } from "@/components/admin/format";
import { requireEditor } from "@/lib/auth/guards";
import { getGuideForEditor } from "@/lib/data/guide-editor";
import { guideMapData } from "@/lib/guide-editor/map-data";
import { guidePublishProblems } from "@/lib/guide-editor/save";
import { GuideMap } from "./_components/guide-map";
import { editorHref } from "./hrefs";
import { GuideProblems } from "./_components/guide-problems";

export const metadata: Metadata = { title: "ガイドの編集" };

type Params = { guideId: string };

export default async function GuideEditorPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { guideId } = await params;
  await requireEditor(editorHref(guideId));
  const { done } = await searchParams;
  const guide = await getGuideForEditor(guideId);
  if (!guide) notFound();
  const { head, live } = guide;
  const { layout, problems, steps, title } = guideMapData(head.document, await guidePublishProblems(guideId, head.document));
  const draft = !live || live.number !== head.number;
  return (
    <div className="min-w-0 space-y-5">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / ガイド
      </nav>
      <h1 className="text-2xl font-bold break-words">{title}</h1>
      {done === "published" ? <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">公開しました。ヘルプページに数秒で反映されます。</p> : null}

      <section aria-labelledby="state-title" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="state-title" className="text-lg font-bold">状態</h2>
        <p className="mt-1" data-testid="guide-state">
          {draft ? (
            <>
              <span className="mr-2 rounded bg-amber-100 px-2 font-semibold text-amber-900">未公開の下書きあり</span>
              最新 第{head.number}版{live ? `(公開中は第${live.number}版)` : "(まだ一度も公開されていません)"}
            </>
          ) : (
            <>
              <span className="mr-2 rounded bg-emerald-100 px-2 font-semibold text-emerald-900">公開中</span>
              第{head.number}版
            </>
          )}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          {draft ? (
            <Link href={editorHref(guideId, "publish")} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
              公開の影響を確認して公開する
            </Link>
          ) : null}
          <Link href={editorHref(guideId, "form")} className="inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-4 hover:bg-slate-50">
            お問い合わせフォームの項目
          </Link>
          <Link href={`/admin/content/guides/${guideId}/history`} className="inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-4 hover:bg-slate-50">
            履歴と差分
          </Link>
        </div>
        {guide.recent.length ? (
          <>
            <h3 className="mt-4 font-bold">最近の保存メモ</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {guide.recent.map((v) => (
                <li key={v.number}>
                  第{v.number}版 <Time value={v.createdAt} /> {v.authorName ?? "取り込み"}
                  {v.publishedAt ? <span className="ml-1 rounded bg-emerald-100 px-1">公開</span> : null}
                  {v.note ? `:${v.note}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <GuideProblems guideId={guideId} problems={problems} testId="guide-problems" />

      <section aria-labelledby="map-title" className="min-w-0">
        <h2 id="map-title" className="text-lg font-bold">ステップの地図</h2>
        <p className="mb-2 text-sm text-slate-700">四角がステップ、矢印が選択肢です。四角を選ぶとそのステップを編集できます。赤い点線は直す必要のあるステップです。</p>
        <GuideMap layout={layout} titleId="map-title" hrefOf={(stepId) => editorHref(guideId, `steps/${stepId}`)} />
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title" className="text-lg font-bold">ステップの一覧(地図と同じ内容)</h2>
        <ol className="mt-2 space-y-2" data-testid="step-list">
          {steps.map((s) => (
            <li key={s.id} className="rounded border border-slate-300 bg-white p-3">
              <Link href={editorHref(guideId, `steps/${s.id}`)} className="font-semibold text-brand-700 underline">
                {s.title}
              </Link>{" "}
              <span className="text-sm text-slate-700">
                ({s.id}
                {s.start ? "・最初" : ""}
                {s.contact ? "・お問い合わせ" : ""}
                {s.leaf ? "・解決確認" : ""}
                {s.problem ? "・要修正" : ""})
              </span>
              {s.choices.length ? (
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {s.choices.map((c) => (
                    <li key={c.id}>
                      「{c.label}」→ {c.toTitle}({c.to})
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
