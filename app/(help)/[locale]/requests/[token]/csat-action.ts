"use server";
// Public by design, like the message form beside it: the secret status token is the only credential,
// checked again in the use case (docs/decisions/0030-csat.md). POST only: a mail scanner that follows
// the rating link (a GET) records nothing.
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/client-ip";
import { rateTicket } from "@/lib/csat/rate";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { isLocale, type Locale } from "@/lib/i18n";
import { jstTime } from "@/lib/jst";
import { log } from "@/lib/log";
import { hit } from "@/lib/rate-limit";
import { parseCsatRating } from "@/lib/validation/csat";
import { fieldErrors, type FieldErrors } from "@/lib/validation/intake";
import { CSAT_T } from "./csat-messages";

export type CsatFormState =
  | { status: "idle" }
  | { status: "saved"; attempt: number; changed: boolean; rating: "good" | "bad"; comment: string }
  | { status: "error"; attempt: number; errors: FieldErrors; formError?: string; rating: string; comment: string };

const WINDOWS = [
  { limit: 20, seconds: 600 },
  { limit: 100, seconds: 86_400 },
];

export async function rateAction(previous: CsatFormState, formData: FormData): Promise<CsatFormState> {
  const token = String(formData.get("token") ?? "");
  const localeValue = formData.get("locale");
  const locale: Locale = isLocale(localeValue) ? localeValue : "ja";
  const t = CSAT_T[locale];
  const rating = typeof formData.get("rating") === "string" ? String(formData.get("rating")) : "";
  const comment = typeof formData.get("comment") === "string" ? String(formData.get("comment")) : "";
  const attempt = previous.status === "idle" ? 1 : previous.attempt + 1;
  const fail = (errors: FieldErrors, formError?: string): CsatFormState => ({ status: "error", attempt, errors, formError, rating, comment });

  const parsed = parseCsatRating(locale, { rating, comment });
  if (!parsed.success) return fail(fieldErrors(parsed.error));

  let outcome: Awaited<ReturnType<typeof rateTicket>>;
  try {
    const limit = await hit(`csat:ip:${await clientIp()}`, WINDOWS);
    if (!limit.ok) return fail({}, t.limited(jstTime(limit.retryAt)));
    outcome = await rateTicket(token, parsed.data.rating, parsed.data.comment);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "csat: database unavailable");
    return fail({}, DATABASE_UNAVAILABLE_MESSAGE[locale]);
  }
  if (!outcome.ok) return fail({}, outcome.reason === "token" ? t.badLink : t[outcome.reason]);
  revalidatePath(`/${locale}/requests/${token}`);
  return { status: "saved", attempt, changed: outcome.changed, rating: outcome.rating, comment: outcome.comment ?? "" };
}
