// Editing one step of a guide (issue 12): its texts per locale, its choices and what they set, and a
// preview of the draft as the public page shows it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { listStaleTranslations } from "@/lib/data/content-library";
import { getGuideForEditor } from "@/lib/data/guide-editor";
import { stepFormValues } from "@/lib/guide-editor/edit-step";
import { answerFieldsOf } from "@/lib/guide-editor/form-edit";
import { stepTexts } from "@/lib/guide-editor/map-data";
import { documentProblems } from "@/lib/guide-editor/problems";
import { draftGuideSnapshot, draftStepHref } from "@/lib/guide-editor/preview";
import { editorHref } from "../../hrefs";
import { saveStepAction } from "./actions";
import { StepForm } from "./_components/step-form";
import { StepPreview } from "./_components/step-preview";

export const metadata: Metadata = { title: "ステップの編集" };

type Params = { guideId: string; stepId: string };

const LOCALE = { ja: "日本語", en: "英語" } as const;

export default async function StepEditorPage({ params }: { params: Promise<Params> }) {
  const { guideId, stepId } = await params;
  await requireEditor(editorHref(guideId, `steps/${stepId}`));
  const guide = await getGuideForEditor(guideId);
  const doc = guide?.head.document;
  const values = doc ? stepFormValues(doc, stepId) : null;
  if (!guide || !doc || !values) notFound();
  const { titles } = stepTexts(doc, "ja");
  const steps = Object.keys(doc.declaration.steps).map((id) => ({ id, title: titles[id] || id }));
  const problems = documentProblems(doc).filter((p) => p.stepId === stepId);
  const [snapshot, staleItems] = await Promise.all([draftGuideSnapshot(guideId, doc), listStaleTranslations({ kind: "guide", key: guideId })]);
  const stale = staleItems.flatMap((item) => item.stale).find((s) => s.name === stepId);
  const previewHref = { ja: draftStepHref(doc, "ja", stepId), en: draftStepHref(doc, "en", stepId) };
  return (
    <div className="min-w-0 space-y-4">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> /{" "}
        <Link href={editorHref(guideId)} className="text-brand-700 underline">ガイドの地図</Link> / ステップ
      </nav>
      <h1 className="text-2xl font-bold break-words">
        ステップ「{titles[stepId] || stepId}」の編集 <span className="text-base font-normal text-slate-700">({stepId})</span>
      </h1>
      <p className="text-sm">第{guide.head.number}版をもとに編集します。保存すると新しい下書きの版になり、公開するまでヘルプページは変わりません。</p>
      {stale ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="step-stale">
          <strong>翻訳が古い:</strong> {LOCALE[stale.newer]}が第{stale.changedIn}版で変更された後、{LOCALE[stale.stale]}は直されていません。
        </p>
      ) : null}
      {problems.length ? (
        <div className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="step-problems">
          <p className="font-semibold">このステップの問題(公開前に直してください)</p>
          <ul className="list-disc pl-5">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <StepForm
        action={saveStepAction}
        guideId={guideId}
        stepId={stepId}
        base={guide.head.number}
        contact={values.contact}
        values={{ texts: values.texts, leaf: values.leaf, removeOrphans: false, choices: values.choices, note: "" }}
        steps={steps}
        answerFields={answerFieldsOf(doc.declaration)}
      />
      <section aria-labelledby="preview-title" className="min-w-0 space-y-3">
        <h2 id="preview-title" className="text-lg font-bold">プレビュー(保存済みの下書き)</h2>
        <p className="text-sm">
          公開ページと同じ部品で表示しています。実際のURLで見る:{" "}
          {previewHref.ja ? <a href={previewHref.ja} className="text-brand-700 underline">日本語</a> : "(このステップへの道順がありません)"}
          {previewHref.en ? (
            <>
              {" ・ "}
              <a href={previewHref.en} className="text-brand-700 underline">英語</a>
            </>
          ) : null}
        </p>
        <div className="grid gap-4 lg:grid-cols-2">
          <StepPreview snapshot={snapshot} guideId={guideId} stepId={stepId} locale="ja" />
          <StepPreview snapshot={snapshot} guideId={guideId} stepId={stepId} locale="en" />
        </div>
      </section>
    </div>
  );
}
