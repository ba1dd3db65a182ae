// One submission path for the contact form's server action and the JSON API (issue 4): honeypot,
// schema, server-side rules on the walk, per-IP limits in Postgres, idempotency, then the ticket, its
// screenshot and its confirmation mail in one transaction.
import "server-only";
import { randomInt } from "node:crypto";
import { getGuide, listGuideIds } from "@/lib/content";
import { createTicketFromIntake, getIntakeByIdempotencyKey } from "@/lib/data/tickets";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n";
import { readScreenshot } from "@/lib/screenshot";
import { log } from "@/lib/log";
import { confirmationMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/mail/sender";
import { changedFields, prefillFromWalk, type Prefill } from "@/lib/prefill";
import { hit } from "@/lib/rate-limit";
import { EXTRA_TRIED } from "@/lib/ticket-fields";
import { stepOf } from "@/lib/guide-graph";
import { fieldErrors, INTAKE_MESSAGES, intakeSchema, type FieldErrors, type IntakeInput } from "@/lib/validation/intake";
import { fallbackError } from "@/lib/validation/text";

/** The honeypot field: people never see it, naive bots fill it. */
export const HONEYPOT_FIELD = "website";

export type SubmitOutcome =
  | { kind: "created"; reference: string; statusUrl: string | null; duplicate: boolean; data: IntakeInput }
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

/** HH:MM in Japan time. */
export function jstTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}

export function intakeWindows() {
  const e = env();
  return [
    { limit: e.INTAKE_LIMIT_10MIN, seconds: 600 },
    { limit: e.INTAKE_LIMIT_HOUR, seconds: 3600 },
    { limit: e.INTAKE_LIMIT_DAY, seconds: 86_400 },
  ];
}

export function statusUrl(locale: string, token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/${locale}/requests/${token}`;
}

/** The walk the request came with, replayed on the server; invalid walks are dropped, never an error. */
export function serverPrefill(guideId: string | undefined, walk: string | undefined): { guideId: string | null; prefix: string; prefill: Prefill | null } {
  const guide = guideId ? getGuide(guideId) : null;
  if (!guide) return { guideId: null, prefix: "GEN", prefill: null };
  return { guideId: guide.id, prefix: guide.ticketPrefix, prefill: prefillFromWalk(guide, walk) };
}

function isKnownTried(value: string): boolean {
  return (EXTRA_TRIED.values as readonly string[]).includes(value) || listGuideIds().some((id) => Boolean(stepOf(getGuide(id)!, value)));
}

export type SubmitInput = {
  raw: Record<string, unknown>;
  screenshot?: unknown;
  ip: string;
  locale: Locale;
  now?: Date;
};

export async function submitIntake({ raw, screenshot, ip, locale, now = new Date() }: SubmitInput): Promise<SubmitOutcome | { kind: "honeypot"; reference: string }> {
  if (typeof raw[HONEYPOT_FIELD] === "string" && raw[HONEYPOT_FIELD] !== "") {
    log.info({ ip }, "intake honeypot filled; pretending success");
    // Looks like a real reference so a bot learns nothing; nothing is stored.
    return { kind: "honeypot", reference: `GEN-${now.getFullYear()}-${String(randomInt(1, 999_999)).padStart(6, "0")}` };
  }

  const parsed = intakeSchema(locale, () => now).safeParse(raw, { error: fallbackError(locale) });
  const file = await readScreenshot(screenshot);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!file.ok) errors.screenshot = [(file.reason === "too-large" ? TEXT.tooLarge : TEXT.notImage)[locale]];
  // A tried value that is no step of any guide and no extra was never a checkbox on the form: refuse
  // it here, before anything is stored (a lookup on it once reached Object.prototype, issue 8).
  if (parsed.success && parsed.data.tried.some((t) => !isKnownTried(t))) errors.tried = [INTAKE_MESSAGES.triedValue[locale]];
  if (!parsed.success || !file.ok || errors.tried) return { kind: "invalid", errors };
  const parsedData = parsed.data;
  const { guideId, prefix, prefill } = serverPrefill(parsedData.guide, parsedData.walk);
  // Tried items: the steps of this walk plus the fixed extras; a real step off this walk is dropped
  // (docs/decisions/0007-intake-submission.md).
  const allowedTried = new Set<string>([...(prefill?.triedSteps ?? []), ...EXTRA_TRIED.values]);
  const data: IntakeInput = { ...parsedData, tried: parsedData.tried.filter((t) => allowedTried.has(t)) };
  const tried = data.tried;

  // A double submit: the first ticket, without counting against the limits.
  const repeat = await getIntakeByIdempotencyKey(data.idempotencyKey);
  if (repeat) return { kind: "created", reference: repeat.reference, statusUrl: null, duplicate: true, data };

  const limit = await hit(`intake:ip:${ip}`, intakeWindows(), now);
  if (!limit.ok) {
    log.warn({ ip, retryAt: limit.retryAt }, "intake rate limit reached");
    return { kind: "limited", retryAt: limit.retryAt, retryAfterSeconds: limit.retryAfterSeconds, message: TEXT.limited(jstTime(limit.retryAt))[locale] };
  }

  const changed = prefill ? changedFields(prefill.values, { ...data, tried }) : [];

  const result = await createTicketFromIntake(
    {
      referencePrefix: prefix,
      guideId,
      path: prefill?.path ?? [],
      walk: prefill?.walk ?? [],
      endStep: prefill?.endStep ?? null,
      answers: (prefill?.answers ?? {}) as Prisma.InputJsonValue,
      changedFields: changed,
      locale: data.locale,
      name: data.name,
      username: data.username,
      affiliation: data.affiliation,
      email: data.email,
      failedAt: data.failedAt,
      network: data.network,
      service: data.service,
      serviceOther: data.service === "other" ? (data.serviceOther ?? null) : null,
      messageShown: data.messageShown,
      messageOther: data.messageShown === "other" ? (data.messageOther ?? null) : null,
      factor: data.factor,
      stopsAt: data.stopsAt,
      contactFormLogin: data.contactFormLogin,
      tried,
      device: data.device || null,
      certificateInfo: data.certificateInfo || null,
      description: data.description,
      idempotencyKey: data.idempotencyKey ?? null,
    },
    {
      screenshot: file.screenshot,
      mail: (reference, token) => ({
        kind: "confirmation",
        to: data.email,
        ...confirmationMail({ reference, name: data.name, statusUrl: statusUrl(data.locale, token), locale: data.locale }),
      }),
    },
  );
  if (!result.duplicate) kickMailer();
  log.info({ reference: result.reference, duplicate: result.duplicate }, "intake ticket created");
  return {
    kind: "created",
    reference: result.reference,
    statusUrl: result.token ? statusUrl(result.locale, result.token) : null,
    duplicate: result.duplicate,
    data,
  };
}
