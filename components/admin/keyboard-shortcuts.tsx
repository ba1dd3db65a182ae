"use client";
// Keyboard shortcuts of the ticket list and the ticket detail (issue 10): one component on both pages,
// so that the keys and their help dialog cannot drift apart. Keys are ignored while typing in a field
// and with Ctrl/Alt/Meta, so that neither typing nor the browser's own shortcuts are taken over.
import { useEffect, useId, useRef } from "react";

type Scope = "list" | "detail";

const KEYS: Record<Scope, [string, string][]> = {
  list: [
    ["j", "次のチケットを選択"],
    ["k", "前のチケットを選択"],
    ["Enter", "選択したチケットを開く"],
    ["?", "このキー一覧を開く"],
  ],
  detail: [
    ["r", "返信の入力欄へ移動"],
    ["n", "内部メモの入力欄へ移動"],
    ["a", "自分に割り当て"],
    ["?", "このキー一覧を開く"],
  ],
};

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Moves the list's selection by one row and puts focus on that row's link, so Enter opens it. */
function moveSelection(step: 1 | -1) {
  const rows = Array.from(document.querySelectorAll<HTMLElement>("[data-ticket-row]"));
  if (!rows.length) return;
  const current = rows.findIndex((r) => r.dataset.selected === "true" || r.contains(document.activeElement));
  const next = current === -1 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + step));
  for (const r of rows) delete r.dataset.selected;
  rows[next].dataset.selected = "true";
  const link = rows[next].querySelector<HTMLAnchorElement>("a[href]");
  link?.focus();
  link?.scrollIntoView({ block: "nearest" });
}

export function KeyboardShortcuts({ scope }: { scope: Scope }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialog.current?.open) return;
      if (e.key === "?") {
        e.preventDefault();
        dialog.current?.showModal();
        return;
      }
      if (scope === "list" && (e.key === "j" || e.key === "k")) {
        e.preventDefault();
        moveSelection(e.key === "j" ? 1 : -1);
        return;
      }
      if (scope === "detail" && (e.key === "r" || e.key === "n")) {
        const field = document.getElementById(e.key === "r" ? "reply-body" : "note-body");
        if (!field) return;
        // Prevented, so that the key itself is not typed into the field it focuses.
        e.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
        return;
      }
      if (scope === "detail" && e.key === "a") {
        const button = document.getElementById("assign-to-me");
        if (button instanceof HTMLButtonElement && !button.disabled) {
          e.preventDefault();
          button.click();
        }
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [scope]);

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 text-sm hover:bg-slate-100"
        aria-haspopup="dialog"
      >
        キーボード操作 <kbd className="ml-1 rounded border border-slate-400 px-1 font-mono">?</kbd>
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded border border-slate-300 bg-white p-4 shadow-lg backdrop:bg-black/40">
        <h2 id={titleId} className="text-lg font-bold">キーボード操作</h2>
        <p className="mt-1 text-sm text-slate-700">入力欄に入力している間は、これらのキーは働きません。</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          {KEYS[scope].map(([key, label]) => (
            <div key={key} className="contents">
              <dt>
                <kbd className="rounded border border-slate-400 bg-slate-50 px-2 font-mono">{key}</kbd>
              </dt>
              <dd>{label}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={() => dialog.current?.close()} className="mt-4 inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          閉じる
        </button>
      </dialog>
    </>
  );
}
