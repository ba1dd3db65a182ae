"use client";
// Create or edit a canned reply. "プレビュー" checks and renders without saving; useActionState keeps
// what was typed on a refusal, and the form posts without JavaScript too.
import { useActionState } from "react";
import type { CannedReplyFormState } from "../actions";

type Action = (prev: CannedReplyFormState, formData: FormData) => Promise<CannedReplyFormState>;
type Initial = { id: string; title: string; bodyJa: string; bodyEn: string };

const field = "mt-1 block w-full rounded border border-slate-400 bg-white p-2";

export function CannedReplyForm({ action, initial, placeholders }: { action: Action; initial: Initial | null; placeholders: string[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const err = (k: string) => (state.errors?.[k] ? <p id={`canned-${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": `canned-${k}-err canned-help` } : { "aria-describedby": "canned-help" });
  return (
    // Remounted per answer so React's post-action reset keeps the submitted values.
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="canned-form-title">
      <h2 id="canned-form-title" className="text-lg font-bold">{initial ? `定型文を編集: ${initial.title}` : "定型文を追加"}</h2>
      <p id="canned-help" className="mt-1 text-sm text-slate-700">
        使えるプレースホルダー: {placeholders.map((p) => <code key={p} className="mx-1 break-all rounded bg-slate-100 px-1">{p}</code>)}
        {"{{status_link}}"} は保存された返信にそのまま残り、返信メールで依頼者の状況ページへのリンクになります。
      </p>
      <div aria-live="polite">{state.errors?.form ? <p role="alert" className="mt-2 text-red-800">{state.errors.form}</p> : null}</div>
      <input type="hidden" name="id" value={v?.id ?? ""} />
      <div className="mt-3">
        <label htmlFor="canned-title" className="block font-medium">名前(担当者が選ぶときに表示)</label>
        <input id="canned-title" name="title" required maxLength={100} defaultValue={v?.title} className={`${field} min-h-11`} {...aria("title")} />
        {err("title")}
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor="canned-bodyJa" className="block font-medium">本文(日本語)</label>
          <textarea id="canned-bodyJa" name="bodyJa" rows={8} required lang="ja" defaultValue={v?.bodyJa} className={field} {...aria("bodyJa")} />
          {err("bodyJa")}
        </div>
        <div>
          <label htmlFor="canned-bodyEn" className="block font-medium">本文(英語)</label>
          <textarea id="canned-bodyEn" name="bodyEn" rows={8} required lang="en" defaultValue={v?.bodyEn} className={field} {...aria("bodyEn")} />
          {err("bodyEn")}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          保存
        </button>
        <button type="submit" name="intent" value="preview" disabled={pending} className="inline-flex min-h-11 items-center rounded border border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50">
          プレビュー
        </button>
      </div>
      {state.preview ? (
        <section aria-labelledby="canned-preview" className="mt-4">
          <h3 id="canned-preview" className="font-semibold">プレビュー(例: 北陸 花子 / Jane Doe、SSO-2026-000123)</h3>
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            <pre lang="ja" data-testid="preview-ja" className="whitespace-pre-wrap break-words rounded border border-slate-300 bg-slate-50 p-2 font-sans">{state.preview.ja}</pre>
            <pre lang="en" data-testid="preview-en" className="whitespace-pre-wrap break-words rounded border border-slate-300 bg-slate-50 p-2 font-sans">{state.preview.en}</pre>
          </div>
        </section>
      ) : null}
    </form>
  );
}
