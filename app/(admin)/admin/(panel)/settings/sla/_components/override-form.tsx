"use client";
import { useActionState } from "react";
import type { OverrideState } from "../actions";
import { TargetInputs } from "./target-inputs";

type Action = (prev: OverrideState, formData: FormData) => Promise<OverrideState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function OverrideForm({ action, guides, priorities }: { action: Action; guides: [string, string][]; priorities: [string, string][] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.ok ? undefined : state.values;
  const e = state.errors ?? {};
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-3 space-y-2" aria-label="ガイド別の目標を追加">
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <label htmlFor="ov-guide" className="block text-sm font-medium">ガイド</label>
          <select id="ov-guide" name="guideId" defaultValue={v?.guideId ?? ""} className={field} aria-invalid={e.guideId ? true : undefined} aria-describedby={e.guideId ? "ov-guide-err" : undefined}>
            <option value="">選んでください</option>
            {guides.map(([id, title]) => <option key={id} value={id}>{title}</option>)}
          </select>
          {e.guideId ? <p id="ov-guide-err" className="mt-1 text-sm text-red-800">{e.guideId}</p> : null}
        </div>
        <div>
          <label htmlFor="ov-priority" className="block text-sm font-medium">優先度</label>
          <select id="ov-priority" name="priority" defaultValue={v?.priority ?? ""} className={field} aria-invalid={e.priority ? true : undefined} aria-describedby={e.priority ? "ov-priority-err" : undefined}>
            <option value="">選んでください</option>
            {priorities.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
          {e.priority ? <p id="ov-priority-err" className="mt-1 text-sm text-red-800">{e.priority}</p> : null}
        </div>
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        <TargetInputs id="ov-first" label="初回応答" hours={v?.fh ?? ""} minutes={v?.fm ?? ""} names={["fh", "fm"]} invalid={Boolean(e.targets)} describedBy={e.targets ? "ov-targets-err" : undefined} />
        <TargetInputs id="ov-resolution" label="解決" hours={v?.rh ?? ""} minutes={v?.rm ?? ""} names={["rh", "rm"]} invalid={Boolean(e.targets)} describedBy={e.targets ? "ov-targets-err" : undefined} />
      </div>
      {e.targets ? <p id="ov-targets-err" className="text-sm text-red-800">{e.targets}</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">追加</button>
        <p aria-live="polite" className="text-sm">{state.ok ? "追加しました。" : state.errors ? "追加できませんでした。" : ""}</p>
      </div>
    </form>
  );
}
