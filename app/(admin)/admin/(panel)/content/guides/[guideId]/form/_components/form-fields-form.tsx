"use client";
// The guide's contact form fields: wording, required flags and options, and one new field per save.
import { useActionState } from "react";
import type { FormFieldsState } from "../form-state";

type Action = (prev: FormFieldsState, formData: FormData) => Promise<FormFieldsState>;
type Localized = { ja: string; en: string };
export type EditableField = {
  name: string;
  common: boolean;
  kind: string;
  label: Localized;
  required?: string;
  options?: { value: string; label: Localized }[];
};

const input = "mt-1 block min-h-11 w-full min-w-0 rounded border border-slate-400 bg-white px-2";
const REQUIRED = { always: "必須", "unless-answered-by-path": "ガイドの回答がないときだけ必須", optional: "任意" } as const;
const KINDS = { text: "1行の文字", textarea: "複数行の文字", single: "一つ選ぶ", multi: "いくつでも選ぶ", datetime: "日時", file: "ファイル" } as const;

export function FormFieldsForm({ action, guideId, base, fields }: { action: Action; guideId: string; base: number; fields: EditableField[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values;
  const val = (name: string, fallback: string) => (v && Object.hasOwn(v, name) ? v[name] : fallback);
  return (
    <form key={`${JSON.stringify(state)}:${JSON.stringify(fields)}`} action={formAction} className="space-y-4">
      <input type="hidden" name="guideId" value={guideId} />
      <input type="hidden" name="base" value={state.base ?? base} />
      <input type="hidden" name="fieldCount" value={fields.length} />
      <div aria-live="polite">
        {state.error ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <p className="font-semibold">{state.error}</p>
            {state.changes?.length ? (
              <ul className="list-disc pl-5">
                {state.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {state.problems?.length ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900" data-testid="save-problems">
            <p className="font-semibold">保存できませんでした。次の点を直してください。</p>
            <ul className="list-disc pl-5">
              {state.problems.map((p, i) => (
                <li key={i}>
                  {p.where}:{p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {state.ok ? <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">{state.notice}</p> : null}
      </div>

      <ol className="space-y-3">
        {fields.map((f, i) => {
          const p = `f.${i}.`;
          return (
            <li key={f.name} className="min-w-0 rounded border border-slate-300 bg-white p-3" data-field={f.name}>
              <p className="font-semibold">
                {f.name} <span className="text-sm font-normal text-slate-700">({f.common ? "共通項目" : (KINDS as Record<string, string>)[f.kind] ?? f.kind})</span>
              </p>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                <div className="min-w-0">
                  <label htmlFor={`f${i}-ja`} className="block text-sm font-medium">「{f.name}」のラベル(日本語)</label>
                  <input id={`f${i}-ja`} name={`${p}label.ja`} defaultValue={val(`${p}label.ja`, f.label.ja)} className={input} lang="ja" />
                </div>
                <div className="min-w-0">
                  <label htmlFor={`f${i}-en`} className="block text-sm font-medium">「{f.name}」のラベル(英語)</label>
                  <input id={`f${i}-en`} name={`${p}label.en`} defaultValue={val(`${p}label.en`, f.label.en)} className={input} lang="en" />
                </div>
                {f.required ? (
                  <div className="min-w-0">
                    <label htmlFor={`f${i}-required`} className="block text-sm font-medium">「{f.name}」の入力</label>
                    <select id={`f${i}-required`} name={`${p}required`} defaultValue={val(`${p}required`, f.required)} className={input}>
                      {Object.entries(REQUIRED).map(([k, l]) => (
                        <option key={k} value={k}>{l}</option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </div>
              {f.options ? (
                <fieldset className="mt-3 min-w-0">
                  <legend className="text-sm font-bold">選択肢(値は変えられません: 受付済みの問い合わせがこの値で記録されています)</legend>
                  <ul className="space-y-2">
                    {f.options.map((o, j) => (
                      <li key={o.value} className="grid gap-2 sm:grid-cols-[10rem_1fr_1fr] sm:items-end">
                        <span className="text-sm break-all">{o.value}</span>
                        <div className="min-w-0">
                          <label htmlFor={`f${i}-o${j}-ja`} className="block text-sm">「{o.value}」(日本語)</label>
                          <input id={`f${i}-o${j}-ja`} name={`${p}o.${j}.ja`} defaultValue={val(`${p}o.${j}.ja`, o.label.ja)} className={input} lang="ja" />
                        </div>
                        <div className="min-w-0">
                          <label htmlFor={`f${i}-o${j}-en`} className="block text-sm">「{o.value}」(英語)</label>
                          <input id={`f${i}-o${j}-en`} name={`${p}o.${j}.en`} defaultValue={val(`${p}o.${j}.en`, o.label.en)} className={input} lang="en" />
                        </div>
                      </li>
                    ))}
                    <li className="grid gap-2 sm:grid-cols-3">
                      <div className="min-w-0">
                        <label htmlFor={`f${i}-new-value`} className="block text-sm">選択肢を追加: 値</label>
                        <input id={`f${i}-new-value`} name={`${p}newopt.value`} defaultValue={val(`${p}newopt.value`, "")} className={input} placeholder="not-sure" />
                      </div>
                      <div className="min-w-0">
                        <label htmlFor={`f${i}-new-ja`} className="block text-sm">追加する選択肢(日本語)</label>
                        <input id={`f${i}-new-ja`} name={`${p}newopt.ja`} defaultValue={val(`${p}newopt.ja`, "")} className={input} lang="ja" />
                      </div>
                      <div className="min-w-0">
                        <label htmlFor={`f${i}-new-en`} className="block text-sm">追加する選択肢(英語)</label>
                        <input id={`f${i}-new-en`} name={`${p}newopt.en`} defaultValue={val(`${p}newopt.en`, "")} className={input} lang="en" />
                      </div>
                    </li>
                  </ul>
                </fieldset>
              ) : null}
            </li>
          );
        })}
      </ol>

      <fieldset className="min-w-0 rounded border border-dashed border-slate-400 bg-white p-3">
        <legend className="px-1 font-bold">項目を追加</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="min-w-0">
            <label htmlFor="new-key" className="block text-sm font-medium">キー(半角英字、例: browserName)</label>
            <input id="new-key" name="new.key" defaultValue={val("new.key", "")} className={input} />
          </div>
          <div className="min-w-0">
            <label htmlFor="new-kind" className="block text-sm font-medium">種類</label>
            <select id="new-kind" name="new.kind" defaultValue={val("new.kind", "text")} className={input}>
              {Object.entries(KINDS).map(([k, l]) => (
                <option key={k} value={k}>{l}</option>
              ))}
            </select>
          </div>
          <div className="min-w-0">
            <label htmlFor="new-ja" className="block text-sm font-medium">ラベル(日本語)</label>
            <input id="new-ja" name="new.label.ja" defaultValue={val("new.label.ja", "")} className={input} lang="ja" />
          </div>
          <div className="min-w-0">
            <label htmlFor="new-en" className="block text-sm font-medium">ラベル(英語)</label>
            <input id="new-en" name="new.label.en" defaultValue={val("new.label.en", "")} className={input} lang="en" />
          </div>
          <div className="min-w-0">
            <label htmlFor="new-required" className="block text-sm font-medium">入力</label>
            <select id="new-required" name="new.required" defaultValue={val("new.required", "optional")} className={input}>
              <option value="optional">{REQUIRED.optional}</option>
              <option value="always">{REQUIRED.always}</option>
            </select>
          </div>
          <div className="min-w-0">
            <label htmlFor="new-options" className="block text-sm font-medium">選択肢(選ぶ種類のとき。1行に「値: 日本語 / English」)</label>
            <textarea id="new-options" name="new.options" defaultValue={val("new.options", "")} rows={3} className="mt-1 block w-full rounded border border-slate-400 p-2" />
          </div>
        </div>
      </fieldset>

      <div className="rounded border border-slate-300 bg-white p-3">
        <label htmlFor="note" className="block font-medium">保存メモ(履歴に残ります)</label>
        <input id="note" name="note" defaultValue={val("note", "")} className={input} maxLength={500} />
        <button type="submit" disabled={pending} className="mt-3 inline-flex min-h-11 items-center rounded bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? "保存しています…" : "下書きを保存"}
        </button>
      </div>
    </form>
  );
}
