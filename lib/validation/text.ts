// Rules every free-text field shares (issue 8): one place, so the contact form, the API, the status
// page, feedback and the staff forms refuse the same characters with the same words.
import { z } from "zod";
import type { Locale } from "@/lib/i18n";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/limits";

// C0 and C1 control characters except tab, line feed and carriage return (browsers send textarea
// line breaks as CRLF). PostgreSQL refuses NUL in text outright (error 22021, a 500 before this
// rule); the others are never typed by a person and only make trouble in mail and CSV.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Half of a UTF-16 surrogate pair without the other half: no character at all, and PostgreSQL refuses
// it in JSON (the guide's answers; a 500 before this rule, found by the intake fuzzing).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value) || LONE_SURROGATE.test(value);
}

export { CONTROL_CHARACTER_MESSAGE };

/** For the staff admin, which shows both languages in one message (docs/decisions/0005). */
export const CONTROL_CHARACTER_MESSAGE_BOTH = `${CONTROL_CHARACTER_MESSAGE.ja} / ${CONTROL_CHARACTER_MESSAGE.en}`;

/**
 * A string with no control characters other than tab and line breaks. Start every free-text field
 * from this instead of z.string(): the check runs before trimming or length rules.
 */
export function plainString(message: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((s) => !hasControlCharacter(s), { message, abort: true });
}

/** Removes control characters where input is a lookup, not text to store (search boxes, filters). */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL.source, "g"), "").replace(new RegExp(LONE_SURROGATE.source, "g"), "");
}

const FALLBACK = {
  ja: "入力内容が正しくありません。",
  en: "This value is not valid.",
} as const;

/**
 * The message for an issue whose schema gave none (a tampered value hitting a bare z.string(),
 * say): pass as `{ error: fallbackError(locale) }` to safeParse so no field ever shows zod's English.
 */
export function fallbackError(locale: Locale) {
  return () => FALLBACK[locale];
}
