"use client";
// The form behind a mailed link (invitation, password reset). Passwords are never sent back to the
// browser, so after an error the fields start empty; the message says what to fix.
import { useActionState } from "react";
import type { SetPasswordState } from "@/lib/auth/set-password";
type Action = (prev: SetPasswordState, formData: FormData) => Promise<SetPasswordState>;

const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3";

export function SetPasswordForm({ action, token, email, submitLabel, minLength }: { action: Action; token: string; email: string; submitLabel: string; minLength: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  const e = state.errors ?? {};
  const aria = (k: "password" | "confirm") => (e[k] ? { "aria-invalid": true, "aria-describedby": `${k}-err` } : {});
  return (
    <form action={formAction} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <div aria-live="polite">
        {e.form ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {e.form}
          </p>
        ) : null}
      </div>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="password" className="block font-medium">新しいパスワード({minLength}文字以上)</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={minLength} className={field} {...aria("password")} />
        {e.password ? <p id="password-err" className="mt-1 text-sm text-red-800">{e.password}</p> : null}
      </div>
      <div>
        <label htmlFor="confirm" className="block font-medium">新しいパスワード(確認)</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={field} {...aria("confirm")} />
        {e.confirm ? <p id="confirm-err" className="mt-1 text-sm text-red-800">{e.confirm}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
        {submitLabel}
      </button>
    </form>
  );
}
