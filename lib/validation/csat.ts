// The requester's rating form (status page and the mail link's page) and the staff report's period.
// One schema each for the form, the action and their tests (docs/decisions/0030-csat.md).
import { z } from "zod";
import type { Locale } from "@/lib/i18n";
import { jstDay, jstDayStart } from "@/lib/jst";
import { CONTROL_CHARACTER_MESSAGE, fallbackError, plainString } from "@/lib/validation/text";

export const CSAT_COMMENT_MAX = 1000;

const M = {
  rating: { ja: "「解決しました・満足」か「不満」を選んでください。", en: "Choose Good or Bad." },
  tooLong: { ja: `コメントは${CSAT_COMMENT_MAX}文字以内で入力してください。`, en: `Please keep the comment to ${CSAT_COMMENT_MAX} characters.` },
};

export function csatRatingSchema(locale: Locale) {
  return z.object({
    rating: z.enum(["good", "bad"], { error: M.rating[locale] }),
    comment: plainString(CONTROL_CHARACTER_MESSAGE[locale])
      .trim()
      .max(CSAT_COMMENT_MAX, { error: M.tooLong[locale] })
      .optional()
      .transform((v) => v ?? ""),
  });
}

/** Parses with messages in the requester's language only (never zod's English). */
export function parseCsatRating(locale: Locale, input: { rating: unknown; comment: unknown }) {
  return csatRatingSchema(locale).safeParse(input, { error: fallbackError(locale) });
}

/** The report's longest period, so a typo cannot ask for decades. */
export const CSAT_PERIOD_MAX_DAYS = 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => DAY.test(s) && !Number.isNaN(jstDayStart(s).getTime()) && jstDay(jstDayStart(s)) === s;

export type ReportPeriod = { from: string; to: string; start: Date; end: Date; error: string | null };

/**
 * The period of a report from `?from=&to=` (Japan days, both included). Missing values mean the last
 * 30 days; a bad value or order falls back to those with a message that says why (admin: Japanese).
 */
export function parseReportPeriod(params: { from?: string | string[]; to?: string | string[] }, now = new Date()): ReportPeriod {
  const today = jstDay(now);
  const defaultFrom = jstDay(new Date(jstDayStart(today).getTime() - 29 * 86_400_000));
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");
  const from = one(params.from) || defaultFrom;
  const to = one(params.to) || today;
  const make = (f: string, t: string, error: string | null): ReportPeriod => ({
    from: f,
    to: t,
    start: jstDayStart(f),
    end: new Date(jstDayStart(t).getTime() + 86_400_000),
    error,
  });
  if (!realDay(from) || !realDay(to)) return make(defaultFrom, today, "期間の日付は YYYY-MM-DD の形で、実在する日を指定してください。直近30日を表示しています。");
  if (from > to) return make(defaultFrom, today, "開始日が終了日より後になっています。直近30日を表示しています。");
  if ((jstDayStart(to).getTime() - jstDayStart(from).getTime()) / 86_400_000 + 1 > CSAT_PERIOD_MAX_DAYS) {
    return make(defaultFrom, today, `期間は${CSAT_PERIOD_MAX_DAYS}日以内で指定してください。直近30日を表示しています。`);
  }
  return make(from, to, null);
}
