// What every contact request shares, whatever its form (issues 4 and 9): the validation messages, the
// request meta fields, reading a submitted form and the shape of field errors. The questions
// themselves come from the guide's declaration (lib/guides/intake-schema.ts builds the schema).
import { z } from "zod";
import type { Locale } from "@/lib/i18n";
import { containsSecret } from "@/lib/secrets";
import { CONTROL_CHARACTER_MESSAGE, plainString } from "@/lib/validation/text";

/** A requester's message on the status page, in characters. */
export const MESSAGE_MAX = 5000;

/** Clock skew allowed for "when it failed" (a phone a few minutes ahead is not lying). */
export const FUTURE_SKEW_MS = 5 * 60_000;

const M = {
  required: { ja: "入力してください。", en: "Please fill this in." },
  choose: { ja: "選択してください。", en: "Please choose one." },
  tooLong: (max: number) => ({ ja: `${max}文字以内で入力してください。`, en: `Use at most ${max} characters.` }),
  usernameMail: {
    ja: "メールアドレス全体ではなく、「@jaist.ac.jp」より前の部分だけを入力してください(例: s1234567)。",
    en: "Enter only the part before \"@jaist.ac.jp\" (for example s1234567), not the whole address.",
  },
  usernameChars: {
    ja: "ユーザ名は半角の英数字と「.」「_」「-」で入力してください。",
    en: "A username has only letters, digits and \".\", \"_\" or \"-\".",
  },
  usernameStudent: {
    ja: "学生のユーザ名は「s」と学籍番号です(例: s1234567)。",
    en: "A student's username is \"s\" followed by the student number (for example s1234567).",
  },
  email: { ja: "メールアドレスの形式で入力してください(例: name@example.com)。", en: "Enter an e-mail address such as name@example.com." },
  dateTime: { ja: "日付と時刻を入力してください。", en: "Enter a date and a time." },
  future: { ja: "未来の日時は指定できません。", en: "This time is in the future." },
  tooOld: { ja: "日時が古すぎます。", en: "This date is too far in the past." },
  triedValue: {
    ja: "選択肢にない項目が含まれています。チェックし直してから送信してください。",
    en: "This contains an item that is not one of the choices. Check the boxes again, then send.",
  },
  tooMany: (max: number) => ({ ja: `${max}件以内で選択してください。`, en: `Choose at most ${max}.` }),
  walk: {
    ja: "ガイドでたどった手順を読み取れなかったため、取り除きました。このまま送信できます。",
    en: "The path you took through the guide could not be read, so it was removed. You can send the form as it is.",
  },
  formData: {
    ja: "送信された内容の一部を読み取れませんでした。もう一度送信してください。",
    en: "Part of what was sent could not be read. Please send the form again.",
  },
  secret: {
    ja: "パスワード・ワンタイムパスワード・リカバリーコード・OTPのシークレットキーと思われる文字列があります。削除してから送信してください(ヘルプデスクがこれらを尋ねることはありません)。",
    en: "This seems to contain a password, a one-time code, a recovery code or an OTP secret. Remove it, then send again (the help desk never asks for these).",
  },
} as const;

const text = (locale: Locale, max: number, required: boolean) => {
  const base = plainString(CONTROL_CHARACTER_MESSAGE[locale], { error: M.required[locale] })
    .transform((s) => s.trim())
    .pipe(z.string().max(max, M.tooLong(max)[locale]));
  return required ? base.pipe(z.string().min(1, M.required[locale])) : base;
};

/** Meta fields of every contact request, rendered by the form (hidden) or sent by API clients. */
export function requestMetaFields(locale: Locale) {
  return {
    // A tampered locale falls back to the form's: it only picks the language of the mail.
    locale: z.enum(["ja", "en"]).catch(locale).default(locale),
    guide: z.string({ error: M.walk[locale] }).max(50, M.walk[locale]).optional(),
    walk: z.string({ error: M.walk[locale] }).max(1000, M.walk[locale]).optional(),
    idempotencyKey: z
      .string({ error: M.formData[locale] })
      .regex(/^[A-Za-z0-9_-]{16,100}$/, M.formData[locale])
      .optional(),
  };
}

export type FieldErrors = Partial<Record<string, string[]>>;

/**
 * Fields the form sends without showing them; an error on one (only tampering causes it) is listed
 * in the summary without a link, and the re-rendered form drops the value so the next submit works.
 */
export const HIDDEN_FIELDS = ["guide", "walk", "idempotencyKey"] as const;

/** The raw values of a submitted form, as the schema (and the re-rendered form) want them. */
export function formDataToRaw(fd: FormData, multiKeys: readonly string[] = []): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = multiKeys.includes(key) ? all : all[0];
    // A field left empty means "not given": a required one says so, an optional one is absent.
    if (raw[key] === "" || raw[key] === undefined) delete raw[key];
  }
  return raw;
}

/** zod issues as { field: [messages] }, the shape the form and the API answer with. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const list = (out[field] ??= []);
    // One message per field: ten tampered checkboxes say the same thing once.
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

export const INTAKE_MESSAGES = M;

/** A requester's message on the status page. */
export function requesterMessageSchema(locale: Locale) {
  return z.object({
    message: text(locale, MESSAGE_MAX, true).refine((s) => !containsSecret(s), M.secret[locale]),
  });
}
