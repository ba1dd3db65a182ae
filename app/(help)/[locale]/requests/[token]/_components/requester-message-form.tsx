"use client";
// The status page's "add a message" form; works without JavaScript like the contact form.
import { useActionState, useEffect, useRef } from "react";
import { FieldError, errorId, inputClass } from "@/components/intake/fields";
import { ScreenshotInput } from "@/components/intake/screenshot-input";
import type { Locale } from "@/lib/i18n";
import { MESSAGE_MAX } from "@/lib/validation/intake";
import { addMessage, type MessageState } from "../actions";
import { STATUS_T } from "../messages";

export function RequesterMessageForm({ locale, token }: { locale: Locale; token: string }) {
  const t = STATUS_T[locale];
  const [state, formAction, pending] = useActionState<MessageState, FormData>(addMessage, { status: "idle" });
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === "error") (state.errors.message ? messageRef.current : noticeRef.current)?.focus();
    if (state.status === "sent") noticeRef.current?.focus();
  }, [state]);
  const errors = state.status === "error" ? state.errors : {};
  const notice = state.status === "sent" ? t.sent : state.status === "error" ? (state.formError ?? (state.hadFile ? t.fileAgain : null)) : null;

  return (
    <form action={formAction} key={state.status === "idle" ? 0 : state.attempt} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          role={state.status === "sent" ? "status" : "alert"}
          className={`rounded-md p-3 ${state.status === "sent" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}
        >
          {notice}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="m-message" className="block font-semibold">
          {t.message}
        </label>
        <p id="m-message-help" className="text-sm text-slate-700">
          {t.messageHelp}
        </p>
        <textarea
          ref={messageRef}
          id="m-message"
          name="message"
          rows={5}
          required
          maxLength={MESSAGE_MAX}
          defaultValue={state.status === "error" ? state.message : ""}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={["m-message-help", errors.message ? errorId("message") : ""].filter(Boolean).join(" ")}
          className={inputClass(errors.message)}
        />
        <FieldError name="message" error={errors.message} />
      </div>
      <div className="space-y-1">
        <label htmlFor="m-screenshot" className="block font-semibold">
          {t.screenshot}
        </label>
        <p id="m-screenshot-help" className="text-sm text-slate-700">
          {t.screenshotHelp}
        </p>
        <ScreenshotInput
          id="m-screenshot"
          describedBy={["m-screenshot-help", errors.screenshot ? errorId("screenshot") : ""]}
          invalid={Boolean(errors.screenshot)}
          tooLargeText={t.fileTooLarge}
        />
        <FieldError name="screenshot" error={errors.screenshot} />
      </div>
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-6 font-bold text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t.sending : t.send}
      </button>
    </form>
  );
}
