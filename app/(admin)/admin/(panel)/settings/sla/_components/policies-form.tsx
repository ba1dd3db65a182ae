"use client";
import { useActionState } from "react";
import type { PoliciesState, TargetValues } from "../actions";
import { TargetInputs } from "./target-inputs";

type Action = (prev: PoliciesState, formData: FormData) => Promise<PoliciesState>;
export type PolicyRowView = { key: string; title: string };

export function PoliciesForm({ action, rows, initial }: { action: Action; rows: PolicyRowView[]; initial: Record<string, TargetValues> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const values = state.values ?? initial;
  const e = state.errors ?? {};
  return (
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="policies-title">
      <h2 id="policies-title" className="text-lg font-bold">目標時間(営業時間)</h2>
      <p className="text-sm text-slate-700">時間と分を両方空にすると目標なしです。変更はこれから計算する期限に使われます。</p>
      <div className="mt-2 divide-y divide-slate-200">
        {rows.map((r) => {
          const v = values[r.key] ?? { fh: "", fm: "", rh: "", rm: "" };
          const errId = e[r.key] ? `err-${r.key.replace(/[^a-z0-9-]/gi, "_")}` : undefined;
          return (
            <div key={r.key} className="grid gap-2 py-2 sm:grid-cols-[12rem_1fr_1fr]" data-testid={`policy-${r.key}`}>
              <input type="hidden" name="row" value={r.key} />
              <p className="font-medium">{r.title}</p>
              <TargetInputs id={`f-${r.key}`} label={`${r.title} 初回応答`} hours={v.fh} minutes={v.fm} names={[`fh.${r.key}`, `fm.${r.key}`]} invalid={Boolean(errId)} describedBy={errId} />
              <TargetInputs id={`r-${r.key}`} label={`${r.title} 解決`} hours={v.rh} minutes={v.rm} names={[`rh.${r.key}`, `rm.${r.key}`]} invalid={Boolean(errId)} describedBy={errId} />
              {errId ? <p id={errId} className="text-sm text-red-800 sm:col-span-3">{e[r.key]}</p> : null}
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">保存</button>
        <p aria-live="polite" className="text-sm">{state.ok ? "保存しました。" : state.errors ? "保存できませんでした。赤字の行を確認してください。" : ""}</p>
      </div>
    </form>
  );
}
