"use client";
import { useActionState } from "react";
import type { SignOff } from "@/lib/mail/templates";
import type { SignOffState } from "../actions";

type Action = (prev: SignOffState, formData: FormData) => Promise<SignOffState>;
const field = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";

export function SignOffForm({ action, signOff }: { action: Action; signOff: SignOff }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? { signOffJa: signOff.ja, signOffEn: signOff.en };
  const err = (k: "signOffJa" | "signOffEn") =>
    state.errors?.[k] ? <p id={`${k}-err`} className="mt-1 text-sm text-red-800">{state.errors[k]}</p> : null;
  return (
    // Remount on each answer so the fields show what was just saved (or typed, on an error).
    <form key={JSON.stringify(state)} action={formAction} className="rounded border border-slate-300 bg-white p-4" aria-labelledby="sign-off-title">
      <h2 id="sign-off-title" className="text-lg font-bold">メールの署名</h2>
      <p className="text-sm text-slate-700">依頼者とスタッフに送るすべてのメールの末尾に入ります(受付確認、返信、通知など)。</p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="signOffJa" className="block font-medium">署名(日本語)</label>
          <input id="signOffJa" name="signOffJa" defaultValue={v.signOffJa} maxLength={200} className={field}
            aria-invalid={state.errors?.signOffJa ? true : undefined} aria-describedby={state.errors?.signOffJa ? "signOffJa-err" : undefined} />
          {err("signOffJa")}
        </div>
        <div>
          <label htmlFor="signOffEn" className="block font-medium">署名(英語)</label>
          <input id="signOffEn" name="signOffEn" lang="en" defaultValue={v.signOffEn} maxLength={200} className={field}
            aria-invalid={state.errors?.signOffEn ? true : undefined} aria-describedby={state.errors?.signOffEn ? "signOffEn-err" : undefined} />
          {err("signOffEn")}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          保存
        </button>
        <p aria-live="polite" className="text-sm">{state.ok ? "保存しました。次に送るメールから使われます。" : state.errors ? "保存できませんでした。" : ""}</p>
      </div>
    </form>
  );
}
