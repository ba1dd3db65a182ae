"use server";
// Public by design: the requester cannot log in (issue 4). Hardened inside lib/intake/submit.ts
// (honeypot, per-IP limits in Postgres, idempotency, size and content checks).
import { clientIp } from "@/lib/client-ip";
import { getStepTitle } from "@/lib/content";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { isLocale, type Locale } from "@/lib/i18n";
import { HONEYPOT_FIELD, submitIntake } from "@/lib/intake/submit";
import { log } from "@/lib/log";
import {
  AFFILIATION,
  CONTACT_FORM_LOGIN,
  EXTRA_TRIED,
  FACTOR,
  MESSAGE_SHOWN,
  NETWORK,
  SERVICE,
  STOPS_AT,
} from "@/lib/ticket-fields";
import { formDataToRaw, HIDDEN_FIELDS, type FieldErrors, type IntakeInput } from "@/lib/validation/intake";
import type { ContactState, FormValues } from "./contact-state";
import { T } from "./messages";

function summary(data: IntakeInput, locale: Locale) {
  const t = T[locale];
  const when = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(data.failedAt);
  const tried = data.tried.map((id) =>
    (EXTRA_TRIED.values as readonly string[]).includes(id) ? EXTRA_TRIED.label(id, locale) : (data.guide && getStepTitle(data.guide, id, locale)) || id,
  );
  const rows: [string, string | undefined][] = [
    [t.name, data.name],
    [t.username, data.username],
    [t.affiliation, AFFILIATION.label(data.affiliation, locale)],
    [t.email, data.email],
    [t.failedAt, when],
    [t.service, data.service === "other" ? `${SERVICE.label("other", locale)}: ${data.serviceOther}` : SERVICE.label(data.service, locale)],
    [t.messageShown, data.messageShown === "other" ? data.messageOther : MESSAGE_SHOWN.label(data.messageShown, locale)],
    [t.network, NETWORK.label(data.network, locale)],
    [t.factor, FACTOR.label(data.factor, locale)],
    [t.stopsAt, STOPS_AT.label(data.stopsAt, locale)],
    [t.contactFormLogin, CONTACT_FORM_LOGIN.label(data.contactFormLogin, locale)],
    [t.tried, tried.length ? tried.join(" / ") : t.none],
    [t.device, data.device],
    [t.certificateInfo, data.certificateInfo],
    [t.description, data.description],
  ];
  return rows.filter((r): r is [string, string] => Boolean(r[1])).map(([label, value]) => ({ label, value }));
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
  const raw = formDataToRaw(formData);
  const locale: Locale = isLocale(raw.locale) ? raw.locale : "ja";
  const screenshot = formData.get("screenshot");
  const hadFile = screenshot instanceof Blob && screenshot.size > 0;
  const attempt = previous.status === "error" ? previous.attempt + 1 : 1;

  let out: Awaited<ReturnType<typeof submitIntake>>;
  try {
    out = await submitIntake({ raw, screenshot, ip: await clientIp(), locale });
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
        summary: summary(out.data, locale),
      };
  }
}
