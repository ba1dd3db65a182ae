"use client";
import { useActionState } from "react";
import type { PublishState } from "../actions";

type Action = (prev: PublishState, formData: FormData) => Promise<PublishState>;

export function PublishForm({ action, guideId, version, disabled }: { action: Action; guideId: string; version: number; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="guideId" value={guideId} />
      <input type="hidden" name="version" value={version} />
      <div aria-live="polite">
        {state.error ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            <p className="font-semibold">{state.error}</p>
            <ul className="list-disc pl-5">
              {[...(state.changes ?? []), ...(state.problems ?? []).map((p) => `${p.where}:${p.message}`)].map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <button type="submit" disabled={disabled || pending} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? "公開しています…" : `第${version}版を公開する`}
      </button>
    </form>
  );
}
