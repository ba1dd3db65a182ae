"use client";
// One topic: its labels and its place in the order (smaller first). A refusal keeps what was typed.
import Link from "next/link";
import { useActionState } from "react";
import type { TopicFormState, TopicFormValues } from "../actions";

type Action = (prev: TopicFormState, formData: FormData) => Promise<TopicFormState>;

const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function TopicForm({ action, initial, historyHref }: { action: Action; initial: TopicFormValues; historyHref: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const id = (name: string) => `topic-${initial.key}-${name}`;
  const err = (k: string) => (state.errors?.[k] ? <p id={id(`${k}-err`)} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": id(`${k}-err`) } : {});
  const conflict = state.refusal?.kind === "conflict" ? state.refusal : null;
  const problems = state.refusal?.kind === "problems" ? state.refusal : null;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-2 grid gap-3" aria-label={`トピック ${initial.key} を編集`}>
      <div aria-live="polite">
        {state.errors?.form ? <p role="alert" className="text-red-800">{state.errors.form}</p> : null}
        {conflict ? (
          <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
            この画面を開いた後に、ほかの人が保存しました(版{conflict.since.map((s) => s.number).join("、")})。入力した内容は残っています。
            <Link href={historyHref} className="text-brand-700 underline">履歴で確認</Link>してから、もう一度保存してください。
          </p>
        ) : null}
        {problems ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3">
            <p>{problems.message}</p>
            <ul className="mt-1 list-disc pl-6">{problems.problems.map((p, i) => <li key={i}><strong>{p.where}</strong>: {p.message}</li>)}</ul>
          </div>
        ) : null}
      </div>
      <input type="hidden" name="key" value={initial.key} />
      <input type="hidden" name="baseNumber" value={conflict ? String(conflict.headNumber) : v.baseNumber} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem]">
        <div>
          <label htmlFor={id("labelJa")} className="block font-medium">名前(日本語)</label>
          <input id={id("labelJa")} name="labelJa" lang="ja" required maxLength={100} defaultValue={v.labelJa} className={field} {...aria("labelJa")} />
          {err("labelJa")}
        </div>
        <div>
          <label htmlFor={id("labelEn")} className="block font-medium">名前(英語)</label>
          <input id={id("labelEn")} name="labelEn" lang="en" required maxLength={100} defaultValue={v.labelEn} className={field} {...aria("labelEn")} />
          {err("labelEn")}
        </div>
        <div>
          <label htmlFor={id("position")} className="block font-medium">順番</label>
          <input id={id("position")} name="position" type="number" min={0} max={999} required defaultValue={v.position} className={field} {...aria("position")} />
          {err("position")}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="publish" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">保存して公開</button>
        <button type="submit" name="intent" value="save" disabled={pending} className="inline-flex min-h-11 items-center rounded border border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50">下書き保存</button>
      </div>
    </form>
  );
}
