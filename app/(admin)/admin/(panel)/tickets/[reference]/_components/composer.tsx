"use client";
// The reply box (issue 10 part D, docs/decisions/0021-reply-box.md): a public reply or an internal
// note, never mistaken for each other (colour, wording, submit label), with canned replies.
// Without JavaScript the mode switch and the canned-reply picker are plain GET links and forms
// (?compose=note, ?canned=<id>) that the page renders server-side.
import { useState, type FormEvent, type MouseEvent } from "react";
import type { MessageFormState } from "../actions";
import { MessageForm, type ComposeMode } from "./message-forms";

type Action = (prev: MessageFormState, formData: FormData) => Promise<MessageFormState>;
export type CannedOption = { id: string; title: string; body: string };

const T = {
  modes: { reply: "依頼者へ返信", note: "内部メモ" },
  modeLabel: "書く内容",
  canned: "定型文",
  none: "選んでください",
  insert: "挿入",
  noCanned: "定型文はまだありません(管理者が「定型文」で追加できます)。",
};

const TAB_STYLE: Record<ComposeMode, string> = {
  reply: "border-brand-600 bg-brand-700 text-white",
  note: "border-amber-500 bg-amber-200 text-amber-950",
};

export function Composer({
  ticketId,
  reference,
  locale,
  version,
  initialMode,
  canned,
  prefill,
  replyAction,
  noteAction,
}: {
  ticketId: string;
  reference: string;
  locale: string;
  version: number;
  initialMode: ComposeMode;
  canned: CannedOption[];
  prefill?: string;
  replyAction: Action;
  noteAction: Action;
}) {
  const [mode, setMode] = useState<ComposeMode>(initialMode);
  const base = `/admin/tickets/${reference}`;

  const choose = (next: ComposeMode) => (event: MouseEvent) => {
    event.preventDefault();
    setMode(next);
    document.getElementById(`${next}-body`)?.focus();
  };

  const insertCanned = (event: FormEvent<HTMLFormElement>) => {
    const box = document.getElementById("reply-body");
    if (!(box instanceof HTMLTextAreaElement)) return;
    // Never a reload that would lose what was typed; nothing chosen inserts nothing.
    event.preventDefault();
    const id = new FormData(event.currentTarget).get("canned");
    const chosen = canned.find((c) => c.id === id);
    if (!chosen) return;
    // At the cursor (or over the selection), as if typed.
    box.setRangeText(chosen.body, box.selectionStart, box.selectionEnd, "end");
    box.focus();
  };

  return (
    <div className="space-y-2">
      <div role="group" aria-label={T.modeLabel} className="flex flex-wrap gap-2">
        {(["reply", "note"] as const).map((m) => (
          <a
            key={m}
            id={`compose-mode-${m}`}
            href={`${base}?compose=${m}#compose`}
            onClick={choose(m)}
            aria-current={mode === m ? "true" : undefined}
            className={`inline-flex min-h-11 items-center rounded border-2 px-3 font-semibold ${mode === m ? TAB_STYLE[m] : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
          >
            {mode === m ? "● " : ""}
            {T.modes[m]}
          </a>
        ))}
      </div>
      {mode === "reply" ? (
        canned.length ? (
          <form method="get" action={base} onSubmit={insertCanned} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="compose" value="reply" />
            <label htmlFor="canned-pick" className="text-sm font-medium">{T.canned}</label>
            <select id="canned-pick" name="canned" className="min-h-11 min-w-0 max-w-full rounded border border-slate-400 bg-white px-2" defaultValue="">
              <option value="" disabled>{T.none}</option>
              {canned.map((c) => (
                <option key={c.id} value={c.id}>{c.title}</option>
              ))}
            </select>
            <button type="submit" className="inline-flex min-h-11 items-center rounded border border-brand-700 px-3 font-semibold text-brand-800 hover:bg-brand-50">
              {T.insert}
            </button>
          </form>
        ) : (
          <p className="text-sm text-slate-700">{T.noCanned}</p>
        )
      ) : null}
      <MessageForm kind="reply" action={replyAction} ticketId={ticketId} reference={reference} locale={locale} version={version} active={mode === "reply"} prefill={prefill} onActivate={() => setMode("reply")} />
      <MessageForm kind="note" action={noteAction} ticketId={ticketId} reference={reference} locale={locale} version={version} active={mode === "note"} onActivate={() => setMode("note")} />
    </div>
  );
}
