"use client";
// Internal note and public reply. useActionState keeps what was typed when the server refuses it,
// and the forms still post without JavaScript.
import { useActionState, useId } from "react";
import type { MessageFormState } from "../actions";

type Action = (prev: MessageFormState, formData: FormData) => Promise<MessageFormState>;

const T = {
  note: { title: "内部メモ", hint: "スタッフだけが見られます。依頼者には送られません。", submit: "メモを追加", done: "メモを追加しました。" },
  reply: {
    title: "依頼者へ返信",
    hint: "依頼者にメールで送られ、お問い合わせ状況ページにも表示されます。",
    submit: "返信を送信",
    done: "返信を送信しました(メール送信待ち)。",
    then: "送信後の状態",
    thens: { waiting: "回答待ちにする", open: "対応中のまま", resolved: "解決済みにする", keep: "変更しない" },
  },
};

export function MessageForm({ kind, action, ticketId, reference, locale }: { kind: "note" | "reply"; action: Action; ticketId: string; reference: string; locale: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const t = T[kind];
  return (
    // Remounted per answer so React's post-action reset keeps what was typed after a refusal.
    <form key={JSON.stringify(state)} action={formAction} className={`rounded border p-3 ${kind === "note" ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-white"}`}>
      <input type="hidden" name="ticketId" value={ticketId} />
      <input type="hidden" name="reference" value={reference} />
      {/* Fixed ids: the keyboard shortcuts r and n (components/admin/keyboard-shortcuts.tsx) look them up. */}
      <label htmlFor={`${kind}-body`} className="block font-semibold">{t.title}</label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {t.hint}
        {kind === "reply" ? (locale === "en" ? "(英語で受け付けたチケットです)" : "") : ""}
      </p>
      <textarea
        id={`${kind}-body`}
        name="body"
        rows={5}
        defaultValue={state.body ?? ""}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-msg`}
        className="mt-2 block w-full rounded border border-slate-400 bg-white p-2"
      />
      <div id={`${id}-msg`} aria-live="polite" className="mt-1 text-sm">
        {state.error ? <span className="text-red-800">{state.error}</span> : state.ok ? <span className="text-emerald-800">{t.done}</span> : null}
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        {kind === "reply" ? (
          <div>
            <label htmlFor={`${id}-then`} className="block text-sm">{T.reply.then}</label>
            <select id={`${id}-then`} name="then" defaultValue={state.then || "waiting"} className="min-h-11 rounded border border-slate-400 bg-white px-2">
              {Object.entries(T.reply.thens).map(([v, l]) => (
                <option key={v} value={v}>{l}</option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {t.submit}
        </button>
      </div>
    </form>
  );
}
