"use client";
import { useActionState } from "react";
import type { ClosureState } from "../actions";

type Action = (prev: ClosureState, formData: FormData) => Promise<ClosureState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function ClosureForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  // After a success the fields start empty for the next day; after an error they keep what was typed.
  const v = state.ok ? { day: "", label: "" } : (state.values ?? { day: "", label: "" });
  const e = state.errors ?? {};
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-3 grid items-end gap-2 sm:grid-cols-[12rem_1fr_auto]" aria-label="休業日を追加">
      <div>
        <label htmlFor="closure-day" className="block text-sm font-medium">日付</label>
        <input id="closure-day" name="day" type="date" defaultValue={v.day} className={field}
          aria-invalid={e.day ? true : undefined} aria-describedby={e.day ? "closure-day-err" : undefined} />
        {e.day ? <p id="closure-day-err" className="mt-1 text-sm text-red-800">{e.day}</p> : null}
      </div>
      <div>
        <label htmlFor="closure-label" className="block text-sm font-medium">名前</label>
        <input id="closure-label" name="label" maxLength={60} placeholder="年末年始" defaultValue={v.label} className={field}
          aria-invalid={e.label ? true : undefined} aria-describedby={e.label ? "closure-label-err" : undefined} />
        {e.label ? <p id="closure-label-err" className="mt-1 text-sm text-red-800">{e.label}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">追加</button>
      <p aria-live="polite" className="text-sm sm:col-span-3">{state.ok ? `${state.ok} を休業日にしました。` : state.errors ? "追加できませんでした。" : ""}</p>
    </form>
  );
}
