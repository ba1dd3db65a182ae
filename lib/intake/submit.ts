// One submission path for the contact form's server action and the JSON API (issue 4): honeypot,
// schema, server-side rules on the walk, per-IP limits in Postgres, idempotency, then the ticket, its
// screenshot and its confirmation mail in one transaction.
import "server-only";
import { randomInt } from "node:crypto";
import { getGuide, getStepTitle } from "@/lib/content";
import { findRepeatOrHitLimit } from "@/lib/data/intake";
import { createTicketFromIntake } from "@/lib/tickets/create-ticket";
import { statusUrl } from "@/lib/tickets/status-link";
import { env } from "@/lib/env";
import { answersFromRequest, type Answers } from "@/lib/guides/answers";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import { formFields } from "@/lib/guides/form-fields";
import { GENERIC_PREFIX, genericForm } from "@/lib/guides/generic-form";
import { changedPrefilledFields, parseIntake, prefillFromWalkParam, type DeclaredPrefill } from "@/lib/guides/intake-schema";
import type { Locale } from "@/lib/i18n";
import { jstTime } from "@/lib/jst";
import { readScreenshot } from "@/lib/screenshot";
import { log } from "@/lib/log";
import { confirmationMail } from "@/lib/mail/templates";
import { retryAfterSeconds } from "@/lib/rate-limit";
import { fieldErrors, type FieldErrors } from "@/lib/validation/intake";
import { fallbackError } from "@/lib/validation/text";

/** The honeypot field: people never see it, naive bots fill it. */
export const HONEYPOT_FIELD = "website";

export type SubmitOutcome =
  | { kind: "created"; reference: string; statusUrl: string | null; duplicate: boolean; data: IntakeData; request: IntakeRequest; answers: Answers }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "limited"; retryAt: Date; retryAfterSeconds: number; message: string };

const TEXT = {
  tooLarge: { ja: "画像は5MBまでです。", en: "The image must be 5 MB or smaller." },
  notImage: { ja: "PNG・JPEG・WebP形式の画像を選んでください。", en: "Choose a PNG, JPEG or WebP image." },
  limited: (time: string) => ({
    ja: `送信が短時間に集中したため、受付を一時停止しています。${time} 以降にもう一度送信してください。`,
    en: `Too many requests came from your network. Please try again at ${time} (Japan time).`,
  }),
};

export function intakeWindows() {
  const e = env();
  return [
    { limit: e.INTAKE_LIMIT_10MIN, seconds: 600 },
    { limit: e.INTAKE_LIMIT_HOUR, seconds: 3600 },
    { limit: e.INTAKE_LIMIT_DAY, seconds: 86_400 },
  ];
}

export { statusUrl };

/** A parsed request: the common fields as typed by the schema, the guide's own fields by key. */
export type IntakeData = Record<string, unknown> & {
  name: string;
  username: string;
  affiliation: string;
  email: string;
  failedAt: Date;
  device?: string;
  description: string;
  locale: Locale;
  guide?: string;
  walk?: string;
  idempotencyKey?: string;
};

/** The guide a request names and its walk, resolved on the server. */
export type IntakeRequest = {
  /** null: no guide (none named, "none", unknown or a draft): the generic form */
  guide: GuideDeclaration | null;
  /** the form the request answers: the guide's, or the generic one */
  form: Pick<GuideDeclaration, "form">;
  /** the walk replayed; null when absent or not a real walk to the contact step (dropped, never an error) */
  prefill: DeclaredPrefill | null;
  prefix: string;
};

export function resolveIntakeRequest(guideParam: unknown, walkParam: unknown): IntakeRequest {
  // "none" is the chooser's link to the generic form (issue 9): the same as no guide.
  const guide = typeof guideParam === "string" && guideParam.length <= 50 ? getGuide(guideParam) : null;
  if (!guide) return { guide: null, form: genericForm(), prefill: null, prefix: GENERIC_PREFIX };
  const prefill = typeof walkParam === "string" && walkParam.length <= 1000 ? prefillFromWalkParam(guide, walkParam) : null;
  return { guide, form: guide, prefill, prefix: guide.ticketPrefix };
}

/** The form's multi-choice keys: their values arrive as lists. */
export function multiKeys(request: IntakeRequest): string[] {
  return formFields(request.form).filter((f) => f.kind === "multi").map((f) => f.key);
}

/**
 * Checks a request with the schema of its guide's (or the generic) form, aware of the walk; built
 * once per declaration, locale and walk (parseIntake).
 */
export function parseRequest(request: IntakeRequest, locale: Locale, now: () => Date, raw: unknown) {
  return parseIntake(request.guide, request.form, locale, request.prefill?.replayed ?? null, now, raw, { error: fallbackError(locale) });
}

/** A step's title for people, for a "steps" answer. */
export function stepTitleOf(request: IntakeRequest, locale: Locale) {
  return (stepId: string) => (request.guide ? getStepTitle(request.guide.id, stepId, locale) : null);
}

export type SubmitInput = {
  raw: Record<string, unknown>;
  screenshot?: unknown;
  ip: string;
  locale: Locale;
  now?: Date;
  /** The help-center session that filed it (the contact form's cookie; decision 0031), for deflection. */
  helpSessionHash?: string | null;
};

export async function submitIntake({ raw, screenshot, ip, locale, now = new Date(), helpSessionHash = null }: SubmitInput): Promise<SubmitOutcome | { kind: "honeypot"; reference: string }> {
  if (typeof raw[HONEYPOT_FIELD] === "string" && raw[HONEYPOT_FIELD] !== "") {
    log.info({ ip }, "intake honeypot filled; pretending success");
    // Looks like a real reference so a bot learns nothing; nothing is stored.
    return { kind: "honeypot", reference: `GEN-${now.getFullYear()}-${String(randomInt(1, 999_999)).padStart(6, "0")}` };
  }

  const request = resolveIntakeRequest(raw.guide, raw.walk);
  const parsed = parseRequest(request, locale, () => now, raw);
  const file = await readScreenshot(screenshot);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!file.ok) errors.screenshot = [(file.reason === "too-large" ? TEXT.tooLarge : TEXT.notImage)[locale]];
  if (!parsed.success || !file.ok) return { kind: "invalid", errors };
  const data = parsed.data as IntakeData;
  const { guide, prefill } = request;
  const answers = answersFromRequest(request.form, data, prefill?.answers ?? {});

  // A double submit: the first ticket, without counting against the limits. The lookup and the
  // limit's hit are one round trip (lib/data/intake.ts findRepeatOrHitLimit; decision 0035, round 2).
  const { repeat, retryAt } = await findRepeatOrHitLimit(data.idempotencyKey ?? null, `intake:ip:${ip}`, intakeWindows(), now);
  if (repeat) return { kind: "created", reference: repeat.reference, statusUrl: null, duplicate: true, data, request, answers };

  if (retryAt) {
    log.warn({ ip, retryAt }, "intake rate limit reached");
    return { kind: "limited", retryAt, retryAfterSeconds: retryAfterSeconds(retryAt, now), message: TEXT.limited(jstTime(retryAt))[locale] };
  }

  const changed = guide && prefill ? changedPrefilledFields(guide, prefill.values, data) : [];

  const result = await createTicketFromIntake(
    {
      referencePrefix: request.prefix,
      guideId: guide?.id ?? null,
      path: prefill?.path ?? [],
      walk: prefill?.walk ?? [],
      endStep: prefill?.endStep ?? null,
      pathAnswers: prefill?.answers ?? {},
      answers,
      changedFields: changed,
      locale: data.locale,
      name: data.name,
      username: data.username,
      affiliation: data.affiliation,
      email: data.email,
      failedAt: data.failedAt,
      device: data.device || null,
      description: data.description,
      idempotencyKey: data.idempotencyKey ?? null,
      helpSessionHash,
    },
    {
      idempotencyChecked: true,
      screenshot: file.screenshot,
      mail: (reference, token, signOff) => ({
        kind: "confirmation",
        to: data.email,
        ...confirmationMail({ reference, name: data.name, statusUrl: statusUrl(data.locale, token), locale: data.locale, signOff }),
      }),
    },
  );
  log.info({ reference: result.reference, duplicate: result.duplicate }, "intake ticket created");
  return {
    kind: "created",
    reference: result.reference,
    statusUrl: result.token ? statusUrl(result.locale, result.token) : null,
    duplicate: result.duplicate,
    data,
    request,
    answers,
  };
}
