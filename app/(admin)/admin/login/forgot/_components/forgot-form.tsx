"use client";
import { useActionState } from "react";
import type { ForgotState } from "../actions";

type Action = (prev: ForgotState, formData: FormData) => Promise<ForgotState>;

export function ForgotForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    // Remounted per answer so React's post-action reset keeps the typed address.
    <form key={JSON.stringify(state)} action={formAction} className="mt-6 space-y-4">
      <div aria-live="polite">
        {state.sent ? (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3" data-testid="forgot-sent">
            {state.email} が有効なスタッフアカウントのメールアドレスであれば、パスワード再設定のリンクを送りました。リンクは1時間有効です。メールが届かない場合は管理者にお問い合わせください。
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">メールアドレス</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email}
          aria-invalid={state.error ? true : undefined} aria-describedby={state.error ? "email-err" : undefined}
          className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3" />
        {state.error ? <p id="email-err" role="alert" className="mt-1 text-sm text-red-800">{state.error}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
        再設定のリンクを送る
      </button>
    </form>
  );
}
