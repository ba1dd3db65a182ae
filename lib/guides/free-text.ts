// The rule for what free text may contain, applied to every text and textarea field of a declared
// form. Tab, line feed and carriage return (a textarea sends CRLF) are text; other C0 and C1 control
// characters are not, and a NUL breaks PostgreSQL's text columns (the intake fuzz test found it).
// One function, so the shared rule of lib/validation/intake.ts replaces it in one call when merged.
import type { z } from "zod";
import type { Locale } from "@/lib/i18n";
import { FORM_MESSAGES } from "@/lib/guides/messages";

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

export function refuseControlCharacters<T extends z.ZodType<string>>(schema: T, locale: Locale) {
  return schema.refine((s) => !hasControlCharacters(s), FORM_MESSAGES.controlChars[locale]);
}
