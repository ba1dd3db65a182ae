"use client";
import { useActionState } from "react";
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationChoice, type NotificationKind } from "@/lib/notifications/kinds";
import type { NotificationSettingsState } from "../actions";

type Action = (prev: NotificationSettingsState, formData: FormData) => Promise<NotificationSettingsState>;
type Props = {
  action: Action;
  choices: Record<NotificationKind, NotificationChoice>;
  follows: string[];
  guides: { key: string; title: string }[];
};

const box = "size-5 shrink-0";
const row = "flex min-h-11 items-center gap-2";

export function NotificationSettingsForm({ action, choices, follows, guides }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      <fieldset className="rounded border border-slate-300 bg-white p-4">
        <legend className="px-1 text-lg font-bold">受け取る通知</legend>
        <div className="space-y-3">
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="border-t border-slate-200 pt-2 first:border-t-0 first:pt-0">
              <legend className="font-semibold">{NOTIFICATION_LABELS[kind].title}</legend>
              <p className="text-sm text-slate-700">{NOTIFICATION_LABELS[kind].hint}</p>
              <div className="flex flex-wrap gap-x-6">
                <label className={row}>
                  <input type="checkbox" name={`${kind}.inApp`} defaultChecked={choices[kind].inApp} className={box} />
                  画面に表示
                </label>
                <label className={row}>
                  <input type="checkbox" name={`${kind}.mail`} defaultChecked={choices[kind].mail} className={box} />
                  メール
                </label>
              </div>
            </fieldset>
          ))}
        </div>
      </fieldset>
      <fieldset className="rounded border border-slate-300 bg-white p-4">
        <legend className="px-1 text-lg font-bold">フォローするガイド</legend>
        <p className="text-sm text-slate-700">選んだガイドに新しいお問い合わせが届くと通知します。</p>
        <div className="mt-2 grid gap-x-6 sm:grid-cols-2">
          {guides.map((g) => (
            <label key={g.key} className={row}>
              <input type="checkbox" name="follow" value={g.key} defaultChecked={follows.includes(g.key)} className={box} />
              <span className="break-words">{g.title}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          保存
        </button>
        <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-800" : ""}`}>
          {state.ok ? "保存しました。" : (state.error ?? "")}
        </p>
      </div>
    </form>
  );
}
