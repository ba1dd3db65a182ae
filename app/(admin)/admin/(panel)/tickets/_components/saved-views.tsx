"use client";
// Saved views beside the list (decision 0019). A view is a link to a list URL; the forms keep what
// was typed when the server refuses it, and post without JavaScript too.
import Link from "next/link";
import { useActionState, useId } from "react";
import type { SavedViewFormState } from "../actions";

type Action = (prev: SavedViewFormState, formData: FormData) => Promise<SavedViewFormState>;
export type SavedViewItem = { id: string; name: string; query: string; shared: boolean; ownerName: string; mine: boolean; canEdit: boolean };

const inputClass = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";
const smallButton = "inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 text-sm hover:bg-slate-100";

export function SavedViews({
  views,
  currentQuery,
  back,
  createAction,
  renameAction,
  deleteAction,
}: {
  views: SavedViewItem[];
  currentQuery: string;
  back: string;
  createAction: Action;
  renameAction: Action;
  deleteAction: (formData: FormData) => Promise<void>;
}) {
  const mine = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  return (
    <section aria-labelledby="saved-views" className="rounded border border-slate-300 bg-white p-3">
      <h2 id="saved-views" className="font-bold">ビュー</h2>
      <ViewList title="自分のビュー" views={mine} currentQuery={currentQuery} back={back} renameAction={renameAction} deleteAction={deleteAction} />
      <ViewList title="共有ビュー" views={shared} currentQuery={currentQuery} back={back} renameAction={renameAction} deleteAction={deleteAction} />
      <CreateForm action={createAction} query={currentQuery} />
    </section>
  );
}

function ViewList({
  title,
  views,
  currentQuery,
  back,
  renameAction,
  deleteAction,
}: {
  title: string;
  views: SavedViewItem[];
  currentQuery: string;
  back: string;
  renameAction: Action;
  deleteAction: (formData: FormData) => Promise<void>;
}) {
  const id = useId();
  return (
    <div className="mt-3">
      <h3 id={id} className="text-sm font-semibold text-slate-800">{title}</h3>
      {views.length ? (
        <ul aria-labelledby={id} className="mt-1 space-y-2">
          {views.map((v) => (
            <li key={v.id} data-saved-view={v.name} className="break-words">
              <Link
                href={`/admin/tickets${v.query ? `?${v.query}` : ""}`}
                aria-current={v.query === currentQuery ? "page" : undefined}
                className="inline-flex min-h-11 items-center text-brand-700 underline aria-[current=page]:font-bold"
              >
                {v.name}
              </Link>
              {v.shared ? <span className="ml-1 text-sm text-slate-700">(共有{v.mine ? "" : `・${v.ownerName}`})</span> : null}
              {v.canEdit ? (
                // Keyed by the name, so that it closes once a rename went through.
                <details key={v.name} className="text-sm">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700">編集</summary>
                  <RenameForm view={v} action={renameAction} />
                  <form action={deleteAction} className="mt-1">
                    <input type="hidden" name="id" value={v.id} />
                    <input type="hidden" name="back" value={back} />
                    <button type="submit" className={smallButton}>「{v.name}」を削除</button>
                  </form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-700">ありません。</p>
      )}
    </div>
  );
}

function RenameForm({ view, action }: { view: SavedViewItem; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-1">
      <input type="hidden" name="id" value={view.id} />
      <label htmlFor={`${id}-name`} className="block">「{view.name}」の新しい名前</label>
      <input
        id={`${id}-name`}
        name="name"
        defaultValue={state.name ?? view.name}
        maxLength={80}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${id}-msg`}
        className={inputClass}
      />
      <div id={`${id}-msg`} aria-live="polite" className="text-sm">
        {state.error ? <span className="text-red-800">{state.error}</span> : null}
      </div>
      <button type="submit" disabled={pending} className={`${smallButton} mt-1`}>名前を変更</button>
    </form>
  );
}

function CreateForm({ action, query }: { action: Action; query: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  return (
    <form key={JSON.stringify(state)} action={formAction} className="mt-4 border-t border-slate-200 pt-3">
      <input type="hidden" name="query" value={query} />
      <label htmlFor={`${id}-name`} className="block font-semibold">今の条件をビューとして保存</label>
      <input
        id={`${id}-name`}
        name="name"
        defaultValue={state.name ?? ""}
        maxLength={80}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={`${id}-msg`}
        className={inputClass}
      />
      <div className="mt-2 flex min-h-11 items-center gap-2">
        <input id={`${id}-shared`} name="shared" type="checkbox" defaultChecked={state.shared ?? false} className="size-5" />
        <label htmlFor={`${id}-shared`}>全スタッフと共有する</label>
      </div>
      <div id={`${id}-msg`} aria-live="polite" className="text-sm">
        {state.error ? <span className="text-red-800">{state.error}</span> : state.ok ? <span className="text-emerald-800">保存しました。</span> : null}
      </div>
      <button type="submit" disabled={pending} className={`${smallButton} mt-1`}>ビューを保存</button>
    </form>
  );
}
