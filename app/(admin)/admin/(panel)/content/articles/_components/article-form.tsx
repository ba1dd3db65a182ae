"use client";
// The article form: title, description and body per language side by side (stacked on phones),
// the topic both share, a note. Saving sends the version the page showed; a refusal keeps every
// field as typed and says why (a conflict names who saved meanwhile).
import Link from "next/link";
import { useActionState } from "react";
import type { ArticleFormState, ArticleFormValues } from "../actions";

type Action = (prev: ArticleFormState, formData: FormData) => Promise<ArticleFormState>;

const field = "mt-1 block w-full rounded border border-slate-400 bg-white p-2";
const LOCALES = [
  { code: "ja", name: "日本語", suffix: "Ja" },
  { code: "en", name: "英語", suffix: "En" },
] as const;

export function ArticleForm({
  action,
  initial,
  topics,
  mode,
  stale,
  historyHref,
}: {
  action: Action;
  initial: ArticleFormValues;
  topics: { key: string; label: string }[];
  mode: "new" | "edit";
  /** The language whose translation is behind, with a sentence saying so. */
  stale: { locale: "ja" | "en"; text: string } | null;
  historyHref: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const err = (k: string) => (state.errors?.[k] ? <p id={`article-${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": `article-${k}-err` } : {});
  const conflict = state.refusal?.kind === "conflict" ? state.refusal : null;
  const problems = state.refusal?.kind === "problems" ? state.refusal : null;
  const base = conflict ? String(conflict.headNumber) : v.baseNumber;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="space-y-4" aria-label={mode === "new" ? "新しい記事" : "記事を編集"} data-testid="article-form">
      <div aria-live="polite" className="space-y-2">
        {state.errors && Object.keys(state.errors).length ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">{state.errors.form ?? "入力内容を確認してください。"}</p>
        ) : null}
        {conflict ? (
          <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
            <p className="font-semibold">この画面を開いた後に、ほかの人が保存しました。入力した内容はそのまま残っています。</p>
            <ul className="mt-1 list-disc pl-6">
              {conflict.since.map((s) => (
                <li key={s.number}>版{s.number}: {s.authorName ?? "取り込み"}{s.note ? `「${s.note}」` : ""}</li>
              ))}
            </ul>
            {historyHref ? (
              <p className="mt-1">
                <Link href={`${historyHref}?from=${v.baseNumber}&to=${conflict.headNumber}#diff`} className="text-brand-700 underline" target="_blank">変更内容を別のタブで見る</Link>
                。確認してからもう一度保存すると、最新の版の上にこの内容を保存します。
              </p>
            ) : null}
          </div>
        ) : null}
        {problems ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3" data-testid="problems">
            <p>{problems.message}</p>
            <ul className="mt-1 list-disc pl-6">{problems.problems.map((p, i) => <li key={i}><strong>{p.where}</strong>: {p.message}</li>)}</ul>
          </div>
        ) : null}
      </div>
      <input type="hidden" name="mode" value={mode} />
      <input type="hidden" name="baseNumber" value={base} />
      {mode === "new" ? (
        <div>
          <label htmlFor="article-slug" className="block font-medium">URL名(半角英小文字・数字・ハイフン。例: otp-reset)</label>
          <input id="article-slug" name="slug" required maxLength={80} defaultValue={v.slug} className={`${field} min-h-11`} {...aria("slug")} />
          {err("slug")}
        </div>
      ) : (
        <input type="hidden" name="slug" value={v.slug} />
      )}
      <div>
        <label htmlFor="article-topic" className="block font-medium">トピック</label>
        <select id="article-topic" name="topic" required defaultValue={v.topic} className={`${field} min-h-11`} {...aria("topic")}>
          <option value="">選んでください</option>
          {topics.map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
        </select>
        {err("topic")}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {LOCALES.map((l) => (
          <fieldset key={l.code} className="min-w-0 rounded border border-slate-300 p-3" lang={l.code}>
            <legend className="px-1 font-bold" lang="ja">
              {l.name}
              {stale?.locale === l.code ? (
                <span className="ml-2 rounded border border-amber-500 bg-amber-50 px-2 text-sm font-semibold text-amber-950" data-testid={`stale-${l.code}`}>翻訳が古い</span>
              ) : null}
            </legend>
            {stale?.locale === l.code ? <p className="text-sm text-amber-950" lang="ja">{stale.text}</p> : null}
            <div className="mt-2">
              <label htmlFor={`article-title${l.suffix}`} className="block font-medium" lang="ja">タイトル({l.name})</label>
              <input id={`article-title${l.suffix}`} name={`title${l.suffix}`} required maxLength={200} defaultValue={v[`title${l.suffix}`]} className={`${field} min-h-11`} {...aria(`title${l.suffix}`)} />
              {err(`title${l.suffix}`)}
            </div>
            <div className="mt-2">
              <label htmlFor={`article-description${l.suffix}`} className="block font-medium" lang="ja">説明({l.name}、一覧と検索結果に表示)</label>
              <input id={`article-description${l.suffix}`} name={`description${l.suffix}`} required maxLength={500} defaultValue={v[`description${l.suffix}`]} className={`${field} min-h-11`} {...aria(`description${l.suffix}`)} />
              {err(`description${l.suffix}`)}
            </div>
            <div className="mt-2">
              <label htmlFor={`article-body${l.suffix}`} className="block font-medium" lang="ja">本文({l.name}、Markdown)</label>
              <textarea id={`article-body${l.suffix}`} name={`body${l.suffix}`} required rows={18} defaultValue={v[`body${l.suffix}`]} className={`${field} font-mono text-sm`} {...aria(`body${l.suffix}`)} />
              {err(`body${l.suffix}`)}
            </div>
          </fieldset>
        ))}
      </div>
      <p className="text-sm text-slate-700">
        使える部品: <code>{'<ArticleLink slug="…">'}</code>、<code>{'<ExternalLink id="…">'}</code>、<code>{"<ContactLink>"}</code> と通常の Markdown。{"{…}"} の式や import は使えません。
      </p>
      <div>
        <label htmlFor="article-note" className="block font-medium">変更メモ(任意、履歴に表示)</label>
        <input id="article-note" name="note" maxLength={500} defaultValue={v.note} className={`${field} min-h-11`} {...aria("note")} />
        {err("note")}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          下書き保存
        </button>
        <button type="submit" name="intent" value="publish" disabled={pending} className="inline-flex min-h-11 items-center rounded border border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50">
          保存して公開
        </button>
      </div>
    </form>
  );
}
