"use server";
// Public by design: the requester cannot log in (issue 4). Hardened inside lib/intake/submit.ts
// (honeypot, per-IP limits in Postgres, idempotency, size and content checks).
import { clientIp } from "@/lib/client-ip";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { describeAnswers, optionLabel, type Answers } from "@/lib/guides/answers";
import { formFields } from "@/lib/guides/form-fields";
import { isLocale, type Locale } from "@/lib/i18n";
import { HONEYPOT_FIELD, multiKeys, resolveIntakeRequest, stepTitleOf, submitIntake, type IntakeData, type IntakeRequest } from "@/lib/intake/submit";
import { formatJst } from "@/lib/jst";
import { currentHelpSessionHash } from "@/lib/help-session";
import { log } from "@/lib/log";
import { formDataToRaw, HIDDEN_FIELDS, type FieldErrors } from "@/lib/validation/intake";
import type { ContactState, FormValues } from "./contact-state";

/** What was sent, in the form's order and words: common fields as typed, the guide's own as stored. */
function summary(request: IntakeRequest, data: IntakeData, answers: Answers, locale: Locale) {
  const own = new Map(describeAnswers(request.form, answers, locale, stepTitleOf(request, locale)).map((r) => [r.key, r]));
  const rows: { label: string; value: string }[] = [];
  for (const field of formFields(request.form)) {
    if (!field.common) {
      const row = own.get(field.key);
      if (row) rows.push({ label: row.label, value: row.value });
      continue;
    }
    const value = data[field.key];
    const shown =
      value instanceof Date
        ? formatJst(value, locale, { dateStyle: "medium", timeStyle: "short" })
        : typeof value === "string" && value
          ? field.options ? optionLabel(field, value, locale) : value
          : null;
    if (shown) rows.push({ label: field.label[locale], value: shown });
  }
  return rows;
}

/**
 * What the user typed, to put back into the form after an error (never the file, never the honeypot).
 * A hidden field with an error is left out: the user cannot fix it, so the next submit goes without it.
 */
function echo(raw: Record<string, unknown>, errors: FieldErrors = {}): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === HONEYPOT_FIELD) continue;
    if ((HIDDEN_FIELDS as readonly string[]).includes(key) && Object.hasOwn(errors, key)) continue;
    if (typeof value === "string") values[key] = value.slice(0, 10_000);
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

export async function submitContact(previous: ContactState, formData: FormData): Promise<ContactState> {
  const request = resolveIntakeRequest(formData.get("guide"), formData.get("walk"));
  const raw = formDataToRaw(formData, multiKeys(request));
  const locale: Locale = isLocale(raw.locale) ? raw.locale : "ja";
  const screenshot = formData.get("screenshot");
  const hadFile = screenshot instanceof Blob && screenshot.size > 0;
  const attempt = previous.status === "error" ? previous.attempt + 1 : 1;

  let out: Awaited<ReturnType<typeof submitIntake>>;
  try {
    out = await submitIntake({ raw, screenshot, ip: await clientIp(), locale, helpSessionHash: await currentHelpSessionHash() });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Nothing was stored (or, if the commit landed, the echoed idempotency key finds that ticket on
    // the next submit): give the form back as typed with a "try again shortly".
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "contact form: database unavailable");
    return { status: "error", attempt, errors: {}, formError: DATABASE_UNAVAILABLE_MESSAGE[locale], values: echo(raw), hadFile };
  }
  switch (out.kind) {
    case "invalid":
      return { status: "error", attempt, errors: out.errors, values: echo(raw, out.errors), hadFile };
    case "limited":
      return { status: "error", attempt, errors: {}, formError: out.message, values: echo(raw), hadFile };
    case "honeypot":
      return { status: "done", reference: out.reference, statusUrl: null, duplicate: false, email: "", summary: [] };
    case "created":
      return {
        status: "done",
        reference: out.reference,
        statusUrl: out.statusUrl,
        duplicate: out.duplicate,
        email: out.data.email,
        summary: summary(out.request, out.data, out.answers, locale),
      };
  }
}
