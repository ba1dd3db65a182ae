"use client";
// One outside link: its labels and address. "保存して公開" makes it live; the address must be
// http(s) or mailto. A refusal (bad address, someone else saved) keeps what was typed.
import Link from "next/link";
import { useActionState } from "react";
import type { LinkFormState, LinkFormValues } from "../actions";

type Action = (prev: LinkFormState, formData: FormData) => Promise<LinkFormState>;

const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function LinkForm({ action, initial, historyHref }: { action: Action; initial: LinkFormValues; historyHref: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const id = (name: string) => `link-${initial.key}-${name}`;
  const err = (k: string) => (state.errors?.[k] ? <p id={id(`${k}-err`)} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": id(`${k}-err`) } : {});
  const conflict = state.refusal?.kind === "conflict" ? state.refusal : null;
  const problems = state.refusal?.kind === "problems" ? state.refusal : null;
  // After a conflict the next save builds on the version now latest: the editor has been shown it.
  const base = conflict ? String(conflict.headNumber) : v.baseNumber;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-3 grid gap-3" aria-label={`リンク ${initial.key} を編集`}>
      <div aria-live="polite">
        {state.errors?.form ? <p role="alert" className="text-red-800">{state.errors.form}</p> : null}
        {conflict ? (
          <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
            <p className="font-semibold">この画面を開いた後に、ほかの人が保存しました(版{conflict.since.map((s) => s.number).join("、")}{conflict.since[0]?.authorName ? `: ${conflict.since[0].authorName}` : ""})。入力した内容は残っています。</p>
            <p className="mt-1">
              <Link href={historyHref} className="text-brand-700 underline">履歴で変更内容を確認</Link>してから、もう一度保存してください。
            </p>
          </div>
        ) : null}
        {problems ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3">
            <p>{problems.message}</p>
            <ul className="mt-1 list-disc pl-6">
              {problems.problems.map((p, i) => <li key={i}><strong>{p.where}</strong>: {p.message}</li>)}
            </ul>
          </div>
        ) : null}
      </div>
      <input type="hidden" name="key" value={initial.key} />
      <input type="hidden" name="baseNumber" value={base} />
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={id("labelJa")} className="block font-medium">表示名(日本語)</label>
          <input id={id("labelJa")} name="labelJa" lang="ja" required maxLength={200} defaultValue={v.labelJa} className={field} {...aria("labelJa")} />
          {err("labelJa")}
        </div>
        <div>
          <label htmlFor={id("labelEn")} className="block font-medium">表示名(英語)</label>
          <input id={id("labelEn")} name="labelEn" lang="en" required maxLength={200} defaultValue={v.labelEn} className={field} {...aria("labelEn")} />
          {err("labelEn")}
        </div>
      </div>
      <div>
        <label htmlFor={id("url")} className="block font-medium">URL(http://・https://・mailto: のみ。空欄ならリンクにせず表示名だけを表示)</label>
        <input id={id("url")} name="url" type="text" inputMode="url" maxLength={2000} defaultValue={v.url} className={field} {...aria("url")} />
        {err("url")}
      </div>
      <div>
        <label htmlFor={id("note")} className="block font-medium">変更メモ(任意)</label>
        <input id={id("note")} name="note" maxLength={500} defaultValue={v.note} className={field} {...aria("note")} />
        {err("note")}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="publish" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          保存して公開
        </button>
        <button type="submit" name="intent" value="save" disabled={pending} className="inline-flex min-h-11 items-center rounded border border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50">
          下書き保存
        </button>
      </div>
    </form>
  );
}
