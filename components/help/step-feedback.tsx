"use client";

// "Did this solve it?": a server action form. Without JavaScript the browser posts it and the page
// comes back with the result; with JavaScript the same happens without a reload.
import "@/lib/validation/zod-jitless";
import { useActionState } from "react";
import { submitFeedback, type FeedbackState } from "@/app/(help)/[locale]/guides/[guideId]/feedback-action";
import type { Locale } from "@/lib/i18n";
import { FEEDBACK_COMMENT_MAX } from "@/lib/validation/feedback";

const TEXT = {
  ja: {
    question: "この手順で解決しましたか?",
    leafQuestion: "これで解決しましたか?",
    yes: "はい、解決した",
    no: "いいえ、解決しない",
    thanks: "ありがとうございます。解決してよかったです。",
    askComment: "ご回答ありがとうございます。うまくいかなかった点があれば教えてください(任意)。",
    commentLabel: "ご意見(任意、1000文字以内。パスワードや個人情報は書かないでください)",
    send: "送信する",
    thanksComment: "ご意見ありがとうございます。今後の改善に役立てます。",
    wayOn: "下の選択肢から次の手順へ進んでください。",
    wayOnLink: "次の手順へ",
    "too-long": `ご意見は${FEEDBACK_COMMENT_MAX}文字以内で入力してください。`,
    invalid: "送信内容を確認できませんでした。ページを再読み込みしてお試しください。",
    unavailable: "ただいま送信できません。しばらくしてから再度お試しください。",
    "too-many": "短時間に多くの回答が送信されました。しばらくしてから再度お試しください。",
  },
  en: {
    question: "Did this step solve your problem?",
    leafQuestion: "Did this solve your problem?",
    yes: "Yes, it's solved",
    no: "No, not solved",
    thanks: "Thank you. We are glad it is solved.",
    askComment: "Thank you for your answer. If you like, tell us what did not work.",
    commentLabel: "Comment (optional, up to 1000 characters; no passwords or personal data)",
    send: "Send",
    thanksComment: "Thank you for your comment. It helps us improve this guide.",
    wayOn: "Continue with the choices below.",
    wayOnLink: "Go to the next step",
    "too-long": `Please keep your comment to ${FEEDBACK_COMMENT_MAX} characters.`,
    invalid: "Your answer could not be read. Please reload the page and try again.",
    unavailable: "Your answer could not be sent right now. Please try again in a few minutes.",
    "too-many": "Too many answers were sent in a short time. Please try again in a few minutes.",
  },
} as const;

const button = "min-h-11 rounded-lg border-2 px-4 py-2 font-bold";

export function StepFeedback({
  guideId,
  stepId,
  locale,
  leaf,
  wayOnHref,
}: {
  guideId: string;
  stepId: string;
  locale: Locale;
  leaf: boolean;
  /** Where to go when it did not help (the choices); none on the contact step. */
  wayOnHref?: string;
}) {
  const t = TEXT[locale];
  const [state, action, pending] = useActionState<FeedbackState, FormData>(submitFeedback, { status: "idle" });
  const hidden = (
    <>
      <input type="hidden" name="guideId" value={guideId} />
      <input type="hidden" name="stepId" value={stepId} />
      <input type="hidden" name="locale" value={locale} />
    </>
  );
  const wayOn = wayOnHref ? (
    <p className="mt-2">
      {t.wayOn}{" "}
      <a href={wayOnHref} className="text-brand-700 underline underline-offset-2">
        {t.wayOnLink}
      </a>
    </p>
  ) : null;
  // After a failed comment submission the comment form comes back with the text typed in it.
  const askingComment = state.status === "ask-comment" || (state.status === "error" && state.comment !== undefined);

  return (
    <section aria-labelledby={`feedback-${stepId}`} className="my-8 rounded-lg bg-slate-100 p-4" data-testid="step-feedback">
      <h2 id={`feedback-${stepId}`} className="font-bold">
        {leaf ? t.leafQuestion : t.question}
      </h2>
      <div aria-live="polite">
        {state.status === "thanks" ? <p className="mt-2 font-semibold text-green-900">{t.thanks}</p> : null}
        {state.status === "thanks-comment" ? (
          <>
            <p className="mt-2 font-semibold text-green-900">{t.thanksComment}</p>
            {wayOn}
          </>
        ) : null}
        {state.status === "error" ? (
          <p id={`feedback-error-${stepId}`} role="alert" className="mt-2 font-semibold text-red-800">
            {t[state.error ?? "invalid"]}
          </p>
        ) : null}
      </div>

      {state.status === "idle" || (state.status === "error" && !askingComment) ? (
        <form action={action} className="mt-3 flex flex-wrap gap-3">
          {hidden}
          <button type="submit" name="helpful" value="yes" disabled={pending} className={`${button} border-green-800 bg-white text-green-900`}>
            {t.yes}
          </button>
          <button type="submit" name="helpful" value="no" disabled={pending} className={`${button} border-slate-600 bg-white text-slate-900`}>
            {t.no}
          </button>
        </form>
      ) : null}

      {askingComment ? (
        <>
          <p className="mt-2">{t.askComment}</p>
          {wayOn}
          <form action={action} className="mt-3 grid gap-2">
            {hidden}
            <input type="hidden" name="helpful" value="no" />
            <label htmlFor={`feedback-comment-${stepId}`} className="text-sm">
              {t.commentLabel}
            </label>
            <textarea
              id={`feedback-comment-${stepId}`}
              name="comment"
              rows={3}
              maxLength={FEEDBACK_COMMENT_MAX}
              defaultValue={state.comment}
              aria-invalid={state.status === "error" ? true : undefined}
              aria-describedby={state.status === "error" ? `feedback-error-${stepId}` : undefined}
              className="w-full rounded-md border border-slate-500 bg-white p-2"
            />
            <div>
              <button type="submit" disabled={pending} className={`${button} border-brand-700 bg-brand-700 text-white`}>
                {t.send}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
