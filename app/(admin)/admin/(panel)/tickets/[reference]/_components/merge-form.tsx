"use client";
// Merging this ticket into another: a similar one offered as a suggestion, or any reference typed.
import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import type { MergeFormState } from "../actions";
import { ConflictNotice } from "./conflict-notice";

type Action = (prev: MergeFormState, formData: FormData) => Promise<MergeFormState>;

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="mt-2 inline-flex min-h-11 w-full items-center justify-center rounded border border-red-700 bg-white px-4 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
      {pending ? "統合しています…" : "統合する"}
    </button>
  );
}

export function MergeForm({ action, ticketId, reference, version, similar }: { action: Action; ticketId: string; reference: string; version: number; similar: string[] }) {
  const [state, formAction] = useActionState(action, {});
  const id = useId();
  return (
    <form key={JSON.stringify(state)} action={formAction} aria-labelledby={`${id}-title`} className="rounded border border-slate-300 bg-white p-3">
      <h2 id={`${id}-title`} className="font-semibold">重複チケットの統合</h2>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {reference} のやり取りと添付ファイルを統合先に移し、{reference} を終了します。依頼者にはメールで知らせます。元に戻せません。
      </p>
      <input type="hidden" name="ticketId" value={ticketId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="merge-target" className="mt-2 block font-semibold">統合先の受付番号</label>
      <input
        id="merge-target"
        name="target"
        list={`${id}-similar`}
        defaultValue={state.target ?? ""}
        required
        autoComplete="off"
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2 font-mono"
      />
      <datalist id={`${id}-similar`}>
        {similar.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <ConflictNotice id={`${id}-error`} error={state.error} changes={state.changes} />
      <Submit />
    </form>
  );
}
