"use client";
import { useActionState, useId } from "react";
import type { StatusFormState } from "../actions";

type Service = { id: string; nameJa: string; state: string; messageJa: string | null; messageEn: string | null; since: string; until: string };
type Action = (prev: StatusFormState, formData: FormData) => Promise<StatusFormState>;

const STATES = { operational: "正常", degraded: "一部障害", outage: "停止", maintenance: "メンテナンス" };
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function ServiceStatusForm({ service, action }: { service: Service; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const v = state.values ?? {
    state: service.state,
    messageJa: service.messageJa ?? "",
    messageEn: service.messageEn ?? "",
    since: service.since,
    until: service.until,
  };
  const err = (k: string) =>
    state.errors?.[k] ? (
      <p id={`${id}-${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p>
    ) : null;
  const described = (k: string) => (state.errors?.[k] ? `${id}-${k}-err` : undefined);
  return (
    // Remount on each answer: React resets a form after its action, and a remount makes the reset
    // land on what was just submitted instead of the first render's values.
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-bold">{service.nameJa}</h2>
      <input type="hidden" name="id" value={service.id} />
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-state`} className="block font-medium">状態</label>
          <select id={`${id}-state`} name="state" defaultValue={v.state} className={field} aria-describedby={described("state")}>
            {Object.entries(STATES).map(([k, l]) => (
              <option key={k} value={k}>{l}</option>
            ))}
          </select>
          {err("state")}
        </div>
        <div>
          <label htmlFor={`${id}-since`} className="block font-medium">開始(日本時間)</label>
          <input id={`${id}-since`} name="since" type="datetime-local" defaultValue={v.since} className={field} aria-describedby={described("since")} />
          {err("since")}
        </div>
        <div>
          <label htmlFor={`${id}-until`} className="block font-medium">終了予定(日本時間)</label>
          <input id={`${id}-until`} name="until" type="datetime-local" defaultValue={v.until} className={field} aria-invalid={state.errors?.until ? true : undefined} aria-describedby={described("until")} />
          {err("until")}
        </div>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-ja`} className="block font-medium">お知らせ(日本語)</label>
          <textarea id={`${id}-ja`} name="messageJa" rows={3} defaultValue={v.messageJa} className="mt-1 block w-full rounded border border-slate-400 p-2" aria-describedby={described("messageJa")} />
          {err("messageJa")}
        </div>
        <div>
          <label htmlFor={`${id}-en`} className="block font-medium">お知らせ(英語)</label>
          <textarea id={`${id}-en`} name="messageEn" lang="en" rows={3} defaultValue={v.messageEn} className="mt-1 block w-full rounded border border-slate-400 p-2" aria-describedby={described("messageEn")} />
          {err("messageEn")}
        </div>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          保存
        </button>
        <p aria-live="polite" className="text-sm">{state.ok ? "保存しました。ヘルプページに反映されます。" : state.errors ? "保存できませんでした。" : ""}</p>
      </div>
    </form>
  );
}
