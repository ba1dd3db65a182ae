"use client";
import { useActionState } from "react";
import type { CreateStaffState } from "../actions";

type Action = (prev: CreateStaffState, formData: FormData) => Promise<CreateStaffState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function CreateStaffForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values;
  const err = (k: string) => (state.errors?.[k] ? <p id={`new-${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": `new-${k}-err` } : {});
  return (
    // Remounted per answer so React's post-action reset keeps the submitted values (selects included).
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="new-staff">
      <h2 id="new-staff" className="text-lg font-bold">スタッフを追加</h2>
      <div aria-live="polite">
        {state.created ? (
          <div className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-3" data-testid="created-staff">
            <p>{state.created.email} を追加しました。</p>
            {state.created.password ? (
              <p className="mt-1">
                初期パスワード(この画面でしか表示されません): <code className="select-all font-mono font-bold">{state.created.password}</code>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="new-email" className="block font-medium">メールアドレス</label>
          <input id="new-email" name="email" type="email" required defaultValue={v?.email} className={field} {...aria("email")} />
          {err("email")}
        </div>
        <div>
          <label htmlFor="new-name" className="block font-medium">名前</label>
          <input id="new-name" name="name" required defaultValue={v?.name} className={field} {...aria("name")} />
          {err("name")}
        </div>
        <div>
          <label htmlFor="new-role" className="block font-medium">権限</label>
          <select id="new-role" name="role" defaultValue={v?.role ?? "agent"} className={field}>
            <option value="agent">担当者(チケット対応)</option>
            <option value="admin">管理者(スタッフ・稼働状況・CSVも)</option>
          </select>
        </div>
        <div>
          <label htmlFor="new-password" className="block font-medium">初期パスワード(空欄なら自動生成)</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={12} className={field} {...aria("password")} />
          {err("password")}
        </div>
      </div>
      <button type="submit" disabled={pending} className="mt-3 inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
        追加
      </button>
    </form>
  );
}
