"use client";

// "Did this solve it?": a server action form. Without JavaScript the browser posts it and the page
// comes back with the result; with JavaScript the same happens without a reload.
import { useActionState } from "react";
import type { Locale } from "@/lib/i18n";
import { CONTROL_CHARACTER_MESSAGE, FEEDBACK_COMMENT_MAX } from "@/lib/validation/limits";
import { submitFeedback, type FeedbackState } from "../feedback-action";

const TEXT = {
  ja: {
    question: "これで解決しましたか?",
    yes: "はい、解決した",
    notSolved: "解決しない場合",
    thanks: "ありがとうございます。解決してよかったです。",
    addComment: "うまくいかなかった点を書き添える(任意)",
    commentLabel: "うまくいかなかった点(任意、1000文字以内。パスワードや個人情報は書かないでください)。下のボタンで一緒に送られます。",
    "too-long": `ご意見は${FEEDBACK_COMMENT_MAX}文字以内で入力してください。`,
    invalid: "送信内容を確認できませんでした。ページを再読み込みしてお試しください。",
    control: CONTROL_CHARACTER_MESSAGE.ja,
    unavailable: "ただいまご意見を送信できません。ご意見を消すと、そのまま次へ進めます。",
    "too-many": "短時間に多くの回答が送信されました。ご意見を消すと、そのまま次へ進めます。",
  },
  en: {
    question: "Did this solve your problem?",
    yes: "Yes, it's solved",
    notSolved: "If it is not solved",
    thanks: "Thank you. We are glad it is solved.",
    addComment: "Tell us what did not work (optional)",
    commentLabel: "What did not work (optional, up to 1000 characters; no passwords or personal data). It is sent with the button below.",
    "too-long": `Please keep your comment to ${FEEDBACK_COMMENT_MAX} characters.`,
    invalid: "Your answer could not be read. Please reload the page and try again.",
    control: CONTROL_CHARACTER_MESSAGE.en,
    unavailable: "Your comment could not be sent right now. Clear it to go on without it.",
    "too-many": "Too many answers were sent in a short time. Clear your comment to go on without it.",
  },
} as const;

const button = "min-h-11 rounded-lg border-2 px-4 py-2 font-bold";

export type WayOn = { id: string; label: string };

/**
 * The end of a leaf step: "did this solve it?". "Yes" is a vote; each way on (the leaf's choices)
 * is a "no" that goes to its step, with an optional comment sent along: one click, JS on or off.
 */
export function StepFeedback({
  guideId,
  stepId,
  locale,
  walk,
  prompt,
  wayOn,
}: {
  guideId: string;
  stepId: string;
  locale: Locale;
  /** The choice ids that reached this step; the server replays them to find where "no" leads. */
  walk: readonly string[];
  /** Shown above the ways on when there is more than one (e.g. "which network are you on?"). */
  prompt?: string;
  wayOn: WayOn[];
}) {
  const t = TEXT[locale];
  const [state, action, pending] = useActionState<FeedbackState, FormData>(submitFeedback, { status: "idle" });
  const errorId = `feedback-error-${stepId}`;
  const hasError = state.status === "error";

  return (
    <section id={`choices-${stepId}`} aria-labelledby={`feedback-${stepId}`} className="my-8 scroll-mt-4 rounded-lg bg-slate-100 p-4" data-testid="step-feedback">
      <h2 id={`feedback-${stepId}`} className="text-xl font-bold">
        {t.question}
      </h2>
      <div aria-live="polite">
        {state.status === "thanks" ? <p className="mt-2 font-semibold text-green-900">{t.thanks}</p> : null}
        {hasError ? (
          <p id={errorId} role="alert" className="mt-2 font-semibold text-red-800">
            {t[state.error ?? "invalid"]}
          </p>
        ) : null}
      </div>
      <form action={action} className="mt-3 grid gap-3">
        <input type="hidden" name="guideId" value={guideId} />
        <input type="hidden" name="stepId" value={stepId} />
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="walk" value={walk.join(",")} />
        {state.status === "thanks" ? null : (
          <div>
            <button type="submit" name="helpful" value="yes" disabled={pending} className={`${button} border-green-800 bg-white text-green-900`}>
              {t.yes}
            </button>
          </div>
        )}
        <h3 className="mt-2 font-bold">{wayOn.length > 1 && prompt ? prompt : t.notSolved}</h3>
        <details open={state.comment !== undefined} className="rounded-md bg-white p-2">
          <summary className="flex min-h-11 cursor-pointer items-center text-brand-800 underline underline-offset-2">{t.addComment}</summary>
          <label htmlFor={`feedback-comment-${stepId}`} className="mt-2 block text-sm">
            {t.commentLabel}
          </label>
          <textarea
            id={`feedback-comment-${stepId}`}
            name="comment"
            rows={3}
            maxLength={FEEDBACK_COMMENT_MAX}
            defaultValue={state.comment}
            aria-invalid={hasError && state.error === "too-long" ? true : undefined}
            aria-describedby={hasError ? errorId : undefined}
            className="mt-1 w-full rounded-md border border-slate-500 bg-white p-2"
          />
        </details>
        <ul className="grid gap-3">
          {wayOn.map((choice) => (
            <li key={choice.id}>
              <button
                type="submit"
                name="next"
                value={choice.id}
                data-choice={choice.id}
                disabled={pending}
                className="flex min-h-14 w-full items-center justify-between gap-3 rounded-lg border-2 border-brand-600 bg-white px-4 py-3 text-left font-semibold text-brand-800 shadow-sm hover:bg-brand-50 focus-visible:bg-brand-50"
              >
                <span className="min-w-0 break-words">{choice.label}</span>
                <span aria-hidden="true" className="shrink-0 text-xl">
                  →
                </span>
              </button>
            </li>
          ))}
        </ul>
      </form>
    </section>
  );
}
