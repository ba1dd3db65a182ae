"use client";
// Status, priority and assignee in one form, one round trip. A refusal because someone else changed
// the ticket keeps the agent's choices and offers to apply them on top of the new state.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import type { PropertiesFormState } from "../actions";
import { ConflictNotice } from "./conflict-notice";
import { JsField } from "./hydrated";

type Action = (prev: PropertiesFormState, formData: FormData) => Promise<PropertiesFormState>;

const NOTICES: Record<string, string> = { saved: "保存しました。", unchanged: "変更はありませんでした。" };
const select = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

function Buttons({ conflict }: { conflict: boolean }) {
  const { pending, data } = useFormStatus();
  const assigning = pending && data?.get("intent") === "assign-me";
  return (
    <div className="mt-3 flex flex-col gap-2">
      <button type="submit" name="intent" value="save" disabled={pending} aria-describedby="properties-msg" className="inline-flex min-h-11 items-center justify-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending && !assigning ? "保存しています…" : conflict ? "最新の状態にこの内容を適用" : "変更を保存"}
      </button>
      <button type="submit" id="assign-to-me" name="intent" value="assign-me" disabled={pending} className="inline-flex min-h-11 items-center justify-center rounded border border-slate-400 bg-white px-4 text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {assigning ? "割り当てています…" : "自分に割り当てる"}
      </button>
    </div>
  );
}

export function PropertiesForm(props: {
  action: Action;
  ticketId: string;
  reference: string;
  version: number;
  current: { status: string; priority: string; assigneeId: string };
  statuses: readonly string[];
  reopen: boolean;
  staff: { id: string; name: string }[];
  me: string;
  notice?: string;
}) {
  const [state, formAction] = useActionState(props.action, {});
  const values = state.values ?? props.current;
  // A choice the new state no longer allows is still offered, so it is kept; the server says why it fails.
  const statuses = props.statuses.includes(values.status) ? props.statuses : [...props.statuses, values.status];
  const notice = state.ok ?? (state.error ? undefined : NOTICES[props.notice ?? ""]);
  return (
    // Remounted per answer so the fields show what the answer carries (the agent's kept choices).
    <form key={JSON.stringify(state)} action={formAction} aria-labelledby="properties-title" className="rounded border border-slate-300 bg-white p-3">
      <h2 id="properties-title" className="font-semibold">チケットの設定</h2>
      <input type="hidden" name="ticketId" value={props.ticketId} />
      <input type="hidden" name="reference" value={props.reference} />
      <input type="hidden" name="version" value={props.version} />
      <JsField />
      <label htmlFor="status" className="mt-2 block font-semibold">状態</label>
      <select id="status" name="status" defaultValue={values.status} className={select}>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {TICKET_STATUS.label(s, "ja")}
            {props.reopen && s === "open" ? "(再オープン)" : ""}
          </option>
        ))}
      </select>
      <label htmlFor="priority" className="mt-2 block font-semibold">優先度</label>
      <select id="priority" name="priority" defaultValue={values.priority} className={select}>
        {TICKET_PRIORITY.values.map((p) => (
          <option key={p} value={p}>{TICKET_PRIORITY.label(p, "ja")}</option>
        ))}
      </select>
      <label htmlFor="assigneeId" className="mt-2 block font-semibold">担当者</label>
      <select id="assigneeId" name="assigneeId" defaultValue={values.assigneeId} className={select}>
        <option value="">未割り当て</option>
        {props.staff.map((s) => (
          <option key={s.id} value={s.id}>{s.name}{s.id === props.me ? "(自分)" : ""}</option>
        ))}
      </select>
      <ConflictNotice
        id="properties-conflict"
        error={state.error}
        changes={state.changes}
        hint={state.conflict ? "あなたの選択はそのまま残しています。上の最新の状態を確かめて、必要なら適用してください。" : undefined}
      />
      <p id="properties-msg" role="status" className="mt-2 min-h-5 text-sm text-emerald-800">{notice ?? ""}</p>
      <Buttons conflict={Boolean(state.conflict)} />
    </form>
  );
}
