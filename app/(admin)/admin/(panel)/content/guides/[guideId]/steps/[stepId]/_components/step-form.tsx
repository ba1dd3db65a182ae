"use client";
// The step form: texts per locale side by side (stacked on phones), the choices with their targets
// and answers, a new step made by the same save. Refusals come back with everything typed.
import { useActionState, useState } from "react";
import type { StepFormState, StepFormValues, ChoiceRow } from "../step-form-state";

type Action = (prev: StepFormState, formData: FormData) => Promise<StepFormState>;
export type StepOption = { id: string; title: string };
export type AnswerField = { key: string; label: string; options: { value: string; label: string }[] };

const NEW_STEP = "__new";
const input = "mt-1 block min-h-11 w-full min-w-0 rounded border border-slate-400 bg-white px-2";
const area = "mt-1 block w-full min-w-0 rounded border border-slate-400 bg-white p-2 font-mono text-sm";
const LOCALES = [
  { id: "ja", name: "日本語" },
  { id: "en", name: "英語" },
] as const;

const blankRow = (): ChoiceRow => ({ id: "", to: "", label: { ja: "", en: "" }, answers: {} });

export function StepForm(props: {
  action: Action;
  guideId: string;
  stepId: string;
  base: number;
  contact: boolean;
  values: StepFormValues;
  steps: StepOption[];
  answerFields: AnswerField[];
}) {
  const [state, formAction, pending] = useActionState(props.action, {});
  const values = state.values ?? props.values;
  const base = state.base ?? props.base;
  return (
    // Remount on each answer so that the fields show what the answer carries (React resets a form
    // after its action; a remount makes the reset land on the submitted or stored values).
    <StepFormBody key={`${base}:${JSON.stringify(state)}:${JSON.stringify(props.values)}`} {...props} formAction={formAction} pending={pending} state={state} values={values} base={base} />
  );
}

function StepFormBody({
  formAction,
  pending,
  state,
  values,
  base,
  guideId,
  stepId,
  contact,
  steps,
  answerFields,
}: {
  formAction: (formData: FormData) => void;
  pending: boolean;
  state: StepFormState;
  values: StepFormValues;
  base: number;
  guideId: string;
  stepId: string;
  contact: boolean;
  steps: StepOption[];
  answerFields: AnswerField[];
}) {
  const [rows, setRows] = useState<ChoiceRow[]>(() => [...values.choices, blankRow()]);
  const setTo = (i: number, to: string) => setRows((r) => r.map((row, j) => (j === i ? { ...row, to } : row)));
  const problems = state.problems ?? [];
  return (
    <form action={formAction} className="space-y-5" aria-describedby={problems.length || state.error ? "step-form-errors" : undefined}>
      <input type="hidden" name="guideId" value={guideId} />
      <input type="hidden" name="stepId" value={stepId} />
      <input type="hidden" name="base" value={base} />

      <div id="step-form-errors" aria-live="polite">
        {state.error ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <p className="font-semibold">{state.error}</p>
            {state.changes?.length ? (
              <>
                <p className="mt-1">その版で変わったこと:</p>
                <ul className="list-disc pl-5">
                  {state.changes.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
                <p className="mt-1">内容を確かめて、もう一度「下書きを保存」を押すと、最新の版にこの入力を適用します。</p>
              </>
            ) : null}
          </div>
        ) : null}
        {problems.length ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900" data-testid="save-problems">
            <p className="font-semibold">保存できませんでした。次の点を直してください。</p>
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.where}:{p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {state.ok && state.notice ? (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">
            {state.notice}
          </p>
        ) : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {LOCALES.map(({ id: locale, name }) => {
          const t = values.texts[locale];
          return (
            <fieldset key={locale} lang={locale} className="min-w-0 rounded border border-slate-300 bg-white p-3">
              <legend className="px-1 font-bold">{name}</legend>
              <label className="block font-medium" htmlFor={`${locale}-title`}>タイトル({name})</label>
              <input id={`${locale}-title`} name={`${locale}.title`} defaultValue={t.title} className={input} required />
              <label className="mt-3 block font-medium" htmlFor={`${locale}-description`}>説明({name}・検索結果と一覧に出ます)</label>
              <input id={`${locale}-description`} name={`${locale}.description`} defaultValue={t.description} className={input} required />
              {contact ? null : (
                <>
                  <label className="mt-3 block font-medium" htmlFor={`${locale}-question`}>質問({name}・選択肢の上に出ます)</label>
                  <input id={`${locale}-question`} name={`${locale}.question`} defaultValue={t.question} className={input} />
                </>
              )}
              <label className="mt-3 block font-medium" htmlFor={`${locale}-body`}>本文({name}・Markdown)</label>
              <p id={`${locale}-body-help`} className="text-sm text-slate-700">
                使える部品: &lt;ArticleLink slug=&quot;…&quot;&gt;、&lt;ExternalLink id=&quot;…&quot;&gt;、&lt;ContactLink&gt;。&#123;…&#125; の式や import は使えません。
              </p>
              <textarea id={`${locale}-body`} name={`${locale}.body`} defaultValue={t.body} rows={14} className={area} aria-describedby={`${locale}-body-help`} />
            </fieldset>
          );
        })}
      </div>

      {contact ? (
        <p className="text-sm">お問い合わせステップには選択肢を置けません。</p>
      ) : (
        <fieldset className="min-w-0 rounded border border-slate-300 bg-white p-3">
          <legend className="px-1 font-bold">選択肢</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="leaf" defaultChecked={values.leaf} className="h-5 w-5" />
            「解決しましたか?」を尋ねるステップ(解決確認。お問い合わせステップへの選択肢が必要です)
          </label>
          <ol className="mt-2 space-y-3">
            {rows.map((row, i) => (
              <ChoiceRowFields key={i} index={i} row={row} steps={steps} stepId={stepId} answerFields={answerFields} onTo={(to) => setTo(i, to)} />
            ))}
          </ol>
          <button type="button" onClick={() => setRows((r) => [...r, blankRow()])} className="mt-3 inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-4 hover:bg-slate-50">
            選択肢の欄を増やす
          </button>
          <label className="mt-3 flex min-h-11 items-center gap-2">
            <input type="checkbox" name="removeOrphans" defaultChecked={values.removeOrphans} className="h-5 w-5" />
            選択肢を外してどこからも届かなくなるステップを削除する
          </label>
        </fieldset>
      )}

      <div className="rounded border border-slate-300 bg-white p-3">
        <label htmlFor="note" className="block font-medium">保存メモ(履歴に残ります)</label>
        <input id="note" name="note" defaultValue={values.note} className={input} maxLength={500} />
        <button type="submit" disabled={pending} className="mt-3 inline-flex min-h-11 items-center rounded bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? "保存しています…" : "下書きを保存"}
        </button>
      </div>
    </form>
  );
}

function ChoiceRowFields({ index, row, steps, stepId, answerFields, onTo }: { index: number; row: ChoiceRow; steps: StepOption[]; stepId: string; answerFields: AnswerField[]; onTo: (to: string) => void }) {
  const p = `c.${index}.`;
  const id = `c${index}`;
  const isNew = !row.id;
  return (
    <li className="min-w-0 rounded border border-slate-200 p-3" data-choice-row={row.id || `new-${index}`}>
      <p className="font-semibold">
        {isNew ? `新しい選択肢 ${index + 1}` : `選択肢 ${index + 1}`}
        {row.id ? <span className="ml-2 text-sm font-normal text-slate-700">ID: {row.id}</span> : null}
      </p>
      <input type="hidden" name={`${p}id`} value={row.id} />
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <div className="min-w-0">
          <label htmlFor={`${id}-ja`} className="block text-sm font-medium">ラベル(日本語)</label>
          <input id={`${id}-ja`} name={`${p}label.ja`} defaultValue={row.label.ja} lang="ja" className={input} />
        </div>
        <div className="min-w-0">
          <label htmlFor={`${id}-en`} className="block text-sm font-medium">ラベル(英語)</label>
          <input id={`${id}-en`} name={`${p}label.en`} defaultValue={row.label.en} lang="en" className={input} />
        </div>
        <div className="min-w-0">
          <label htmlFor={`${id}-to`} className="block text-sm font-medium">行き先</label>
          <select id={`${id}-to`} name={`${p}to`} defaultValue={row.to} onChange={(e) => onTo(e.target.value)} className={input}>
            <option value="">(選んでください)</option>
            {steps
              .filter((s) => s.id !== stepId)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}({s.id})
                </option>
              ))}
            <option value={NEW_STEP}>＋ 新しいステップを作る</option>
          </select>
        </div>
        {answerFields.map((f) => (
          <div key={f.key} className="min-w-0">
            <label htmlFor={`${id}-answer-${f.key}`} className="block text-sm font-medium">設定する回答: {f.label}</label>
            <select id={`${id}-answer-${f.key}`} name={`${p}answer.${f.key}`} defaultValue={row.answers[f.key] ?? ""} className={input}>
              <option value="">(設定しない)</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {/* A value no option has (an old guide) stays visible, so saving does not drop it silently. */}
              {row.answers[f.key] && !f.options.some((o) => o.value === row.answers[f.key]) ? <option value={row.answers[f.key]}>{row.answers[f.key]}(選択肢にない値)</option> : null}
            </select>
          </div>
        ))}
      </div>
      {row.to === NEW_STEP ? (
        <fieldset className="mt-3 grid gap-3 rounded border border-dashed border-slate-400 p-3 sm:grid-cols-3">
          <legend className="px-1 text-sm font-bold">新しいステップ</legend>
          <div className="min-w-0">
            <label htmlFor={`${id}-new-id`} className="block text-sm font-medium">ステップID(URLの一部)</label>
            <input id={`${id}-new-id`} name={`${p}new.id`} defaultValue={row.newStep?.id ?? ""} className={input} placeholder="mail-check" />
          </div>
          <div className="min-w-0">
            <label htmlFor={`${id}-new-ja`} className="block text-sm font-medium">タイトル(日本語)</label>
            <input id={`${id}-new-ja`} name={`${p}new.title.ja`} defaultValue={row.newStep?.title.ja ?? ""} lang="ja" className={input} />
          </div>
          <div className="min-w-0">
            <label htmlFor={`${id}-new-en`} className="block text-sm font-medium">タイトル(英語)</label>
            <input id={`${id}-new-en`} name={`${p}new.title.en`} defaultValue={row.newStep?.title.en ?? ""} lang="en" className={input} />
          </div>
        </fieldset>
      ) : null}
      {isNew ? null : (
        <label className="mt-2 flex min-h-11 items-center gap-2">
          <input type="checkbox" name={`${p}remove`} defaultChecked={row.remove} className="h-5 w-5" />
          この選択肢を外す
        </label>
      )}
    </li>
  );
}
