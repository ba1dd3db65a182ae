"use client";
// Internal note and public reply. useActionState keeps what was typed when the server refuses it
// (a bad file included), and the forms still post without JavaScript.
import { useActionState } from "react";
import type { MessageFormState } from "../actions";
import { ConflictNotice } from "./conflict-notice";

type Action = (prev: MessageFormState, formData: FormData) => Promise<MessageFormState>;
export type ComposeMode = "reply" | "note";

const T = {
  note: {
    title: "内部メモ(依頼者には見えません)",
    hint: "スタッフだけが見られます。メールは送られません。",
    submit: "メモを追加",
    done: "メモを追加しました。",
  },
  reply: {
    title: "依頼者へ返信(メールで送信されます)",
    hint: "依頼者にメールで送られ、お問い合わせ状況ページにも表示されます。",
    submit: "返信を送信",
    done: "返信を送信しました(メール送信待ち)。",
    then: "送信後の状態",
    thens: { waiting: "回答待ちにする", open: "対応中のまま", resolved: "解決済みにする", keep: "変更しない" },
  },
  files: "添付ファイル(画像・PDF、5ファイル・合計10 MBまで)",
  en: "(英語で受け付けたチケットです。英語で書いてください)",
};

export const FORM_STYLE: Record<ComposeMode, string> = {
  reply: "border-brand-600 bg-white",
  note: "border-amber-400 bg-amber-50",
};

/**
 * One of the two forms. The inactive one stays in the page, visually hidden and out of the tab order,
 * so a keyboard shortcut that focuses #note-body or #reply-body still works: focusing it brings it up.
 */
export function MessageForm({
  kind,
  action,
  ticketId,
  reference,
  locale,
  active,
  prefill,
  onActivate,
  version,
}: {
  kind: ComposeMode;
  action: Action;
  ticketId: string;
  reference: string;
  locale: string;
  active: boolean;
  prefill?: string;
  onActivate?: () => void;
  /** The version the agent wrote against; the page's, so a refusal's refresh lets a resend through. */
  version: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `${kind}-body`;
  const t = T[kind];
  const tab = active ? undefined : -1;
  return (
    // Remounted per answer so React's post-action reset keeps what was typed after a refusal.
    <form
      key={JSON.stringify(state)}
      id={`${kind}-form`}
      action={formAction}
      onFocus={active ? undefined : onActivate}
      data-compose={kind}
      className={active ? `rounded border-2 p-3 ${FORM_STYLE[kind]}` : "sr-only"}
    >
      <input type="hidden" name="ticketId" value={ticketId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block font-semibold">{t.title}</label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {t.hint}
        {kind === "reply" && locale === "en" ? T.en : ""}
      </p>
      <textarea
        id={id}
        name="body"
        rows={4}
        tabIndex={tab}
        defaultValue={state.ok ? "" : (state.body ?? prefill ?? "")}
        lang={kind === "reply" && locale === "en" ? "en" : undefined}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-msg`}
        className="mt-1 block w-full rounded border border-slate-400 bg-white p-2"
      />
      {state.changes ? (
        <ConflictNotice id={`${id}-msg`} error={state.error} changes={state.changes} hint="入力した本文は残しています。最新のやり取りを確かめてから、もう一度送信してください。" />
      ) : (
        <div id={`${id}-msg`} aria-live="polite" className="mt-1 text-sm">
          {state.error ? <span className="text-red-800" data-testid={`${kind}-error`}>{state.error}</span> : state.ok ? <span className="text-emerald-800">{t.done}</span> : null}
        </div>
      )}
      <div className="mt-1 flex flex-wrap items-end gap-2">
        <div className="min-w-0 max-w-full">
          <label htmlFor={`${kind}-files`} className="block text-sm">{T.files}</label>
          <input
            id={`${kind}-files`}
            name="files"
            type="file"
            multiple
            tabIndex={tab}
            accept="image/png,image/jpeg,image/webp,application/pdf"
            className="block max-w-full text-sm file:mr-2 file:min-h-11 file:rounded file:border file:border-slate-400 file:bg-white file:px-3"
          />
        </div>
        {kind === "reply" ? (
          <div>
            <label htmlFor="reply-then" className="block text-sm">{T.reply.then}</label>
            <select id="reply-then" name="then" tabIndex={tab} defaultValue={state.then || "waiting"} className="min-h-11 rounded border border-slate-400 bg-white px-2">
              {Object.entries(T.reply.thens).map(([v, l]) => (
                <option key={v} value={v}>{l}</option>
              ))}
            </select>
          </div>
        ) : null}
        <button
          type="submit"
          tabIndex={tab}
          disabled={pending}
          className={`inline-flex min-h-11 items-center rounded px-4 font-semibold text-white disabled:opacity-60 ${kind === "note" ? "bg-amber-800 hover:bg-amber-900" : "bg-brand-700 hover:bg-brand-800"}`}
        >
          {t.submit}
        </button>
      </div>
    </form>
  );
}
