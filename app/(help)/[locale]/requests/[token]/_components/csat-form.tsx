"use client";
// The satisfaction rating form (status page and the mail link's page). Two choices and an optional
// comment; works without JavaScript like the message form (docs/decisions/0030-csat.md).
import { useActionState, useEffect, useRef } from "react";
import { FieldError, errorId, inputClass } from "@/components/intake/fields";
import type { Locale } from "@/lib/i18n";
import { CSAT_COMMENT_MAX } from "@/lib/validation/csat";
import { rateAction, type CsatFormState } from "../csat-action";
import { CSAT_T } from "../csat-messages";

type Props = {
  locale: Locale;
  token: string;
  /** What the form starts with: the stored rating, or the mail link's choice. */
  rating: "good" | "bad" | null;
  comment: string;
  /** Already rated: the button says "change". */
  rated: boolean;
};

export function CsatForm({ locale, token, rating, comment, rated }: Props) {
  const t = CSAT_T[locale];
  const [state, formAction, pending] = useActionState<CsatFormState, FormData>(rateAction, { status: "idle" });
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const ratingRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.status === "saved") noticeRef.current?.focus();
    if (state.status === "error") (state.errors.rating ? ratingRef.current : state.errors.comment ? commentRef.current : noticeRef.current)?.focus();
  }, [state]);
  const errors = state.status === "error" ? state.errors : {};
  const shown = state.status === "idle" ? { rating, comment } : { rating: state.rating, comment: state.comment };
  const notice = state.status === "saved" ? (state.changed ? t.saved : t.unchanged) : state.status === "error" ? (state.formError ?? null) : null;
  const choice = (value: "good" | "bad", first: boolean) => (
    <label className="flex min-h-11 flex-1 cursor-pointer items-center gap-3 rounded-md border-2 border-slate-400 bg-white px-4 py-2 font-semibold has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-700">
      <input
        ref={first ? ratingRef : undefined}
        type="radio"
        name="rating"
        value={value}
        defaultChecked={shown.rating === value}
        required
        aria-describedby={errors.rating ? errorId("rating") : undefined}
        className="size-5 accent-brand-700"
      />
      <span>{value === "good" ? t.good : t.bad}</span>
    </label>
  );

  return (
    <form action={formAction} key={state.status === "idle" ? 0 : state.attempt} className="space-y-4" noValidate data-testid="csat-form">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          role={state.status === "saved" ? "status" : "alert"}
          className={`rounded-md p-3 ${state.status === "saved" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {notice}
        </p>
      ) : null}
      <fieldset>
        <legend className="font-semibold">{t.legend}</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          {choice("good", true)}
          {choice("bad", false)}
        </div>
        <FieldError name="rating" error={errors.rating} />
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="csat-comment" className="block font-semibold">
          {t.comment}
        </label>
        <p id="csat-comment-help" className="text-sm text-slate-700">
          {t.commentHelp}
        </p>
        <textarea
          ref={commentRef}
          id="csat-comment"
          name="comment"
          rows={3}
          maxLength={CSAT_COMMENT_MAX}
          defaultValue={shown.comment}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={["csat-comment-help", errors.comment ? errorId("comment") : ""].filter(Boolean).join(" ")}
          className={inputClass(errors.comment)}
        />
        <FieldError name="comment" error={errors.comment} />
      </div>
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-6 font-bold text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t.sending : rated || state.status === "saved" ? t.update : t.send}
      </button>
    </form>
  );
}
