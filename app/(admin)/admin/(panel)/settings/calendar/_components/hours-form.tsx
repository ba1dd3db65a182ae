"use client";
import { useActionState } from "react";
import type { HoursState } from "../actions";

type Action = (prev: HoursState, formData: FormData) => Promise<HoursState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";
const NAMES: Record<string, string> = { "1": "月曜日", "2": "火曜日", "3": "水曜日", "4": "木曜日", "5": "金曜日", "6": "土曜日", "7": "日曜日" };

export function HoursForm({ action, initial }: { action: Action; initial: NonNullable<HoursState["values"]> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  const describedBy = (k: string) => (e[k] ? `${k}-err` : undefined);
  const err = (k: string) => (e[k] ? <p id={`${k}-err`} className="mt-1 text-sm text-red-800">{e[k]}</p> : null);
  return (
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="hours-title">
      <h2 id="hours-title" className="text-lg font-bold">受付時間(日本時間)</h2>
      <p className="text-sm text-slate-700">対応期限はこの時間だけを数えます。土日以外の祝日と休業日は自動で除かれます。</p>
      {err("days")}
      <fieldset className="mt-2">
        <legend className="sr-only">曜日ごとの受付時間</legend>
        <div className="divide-y divide-slate-200">
          {Object.keys(NAMES).map((d) => (
            <div key={d} className="grid grid-cols-2 items-end gap-2 py-2 sm:grid-cols-[8rem_1fr_1fr]">
              <label className="col-span-2 flex min-h-11 items-center gap-2 font-medium sm:col-span-1">
                <input type="checkbox" name={`open${d}`} defaultChecked={v.days[d]?.open} className="size-5" />
                {NAMES[d]}
              </label>
              <div>
                <label htmlFor={`opens${d}`} className="text-sm">{NAMES[d]}の開始</label>
                <input id={`opens${d}`} name={`opens${d}`} type="time" defaultValue={v.days[d]?.opens} className={field}
                  aria-invalid={e[`opens${d}`] ? true : undefined} aria-describedby={describedBy(`opens${d}`)} />
                {err(`opens${d}`)}
              </div>
              <div>
                <label htmlFor={`closes${d}`} className="text-sm">{NAMES[d]}の終了</label>
                <input id={`closes${d}`} name={`closes${d}`} type="time" defaultValue={v.days[d]?.closes} className={field}
                  aria-invalid={e[`closes${d}`] ? true : undefined} aria-describedby={describedBy(`closes${d}`)} />
                {err(`closes${d}`)}
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="mt-3 max-w-xs">
        <label htmlFor="warningMinutes" className="block font-medium">期限間近とする時間(分前)</label>
        <input id="warningMinutes" name="warningMinutes" inputMode="numeric" defaultValue={v.warningMinutes} className={field}
          aria-invalid={e.warningMinutes ? true : undefined} aria-describedby={e.warningMinutes ? "warningMinutes-err" : "warningMinutes-hint"} />
        <p id="warningMinutes-hint" className="text-sm text-slate-700">一覧の「期限間近」表示と担当者への事前通知に使います。</p>
        {err("warningMinutes")}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">保存</button>
        <p aria-live="polite" className="text-sm">{state.ok ? "保存しました。これから計算する期限に使われます。" : state.errors ? "保存できませんでした。入力を確認してください。" : ""}</p>
      </div>
    </form>
  );
}
