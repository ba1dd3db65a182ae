"use client";
import { useActionState } from "react";
import type { InviteStaffState } from "../actions";

type Action = (prev: InviteStaffState, formData: FormData) => Promise<InviteStaffState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function InviteStaffForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values;
  const err = (k: string) => (state.errors?.[k] ? <p id={`new-${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null);
  const aria = (k: string) => (state.errors?.[k] ? { "aria-invalid": true, "aria-describedby": `new-${k}-err` } : {});
  return (
    // Remounted per answer so React's post-action reset keeps the submitted values (selects included).
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="new-staff">
      <h2 id="new-staff" className="text-lg font-bold">スタッフを招待</h2>
      <p className="mt-1 text-sm text-slate-700">招待された人には、パスワードを設定するリンク(72時間有効、1回限り)をメールで送ります。</p>
      <div aria-live="polite">
        {state.invited ? (
          <p role="status" className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-3" data-testid="invited-staff">
            {state.invited.email} に招待メールを送りました。
          </p>
        ) : null}
      </div>
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
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
            <option value="editor">編集者(チケット対応とヘルプ記事の編集)</option>
            <option value="admin">管理者(スタッフ・稼働状況・CSVも)</option>
          </select>
        </div>
      </div>
      <button type="submit" disabled={pending} className="mt-3 inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
        招待メールを送信
      </button>
    </form>
  );
}
