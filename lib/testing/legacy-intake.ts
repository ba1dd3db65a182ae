// FROZEN REFERENCE, tests only: the hand-written SSO contact schema and vocabularies of issue 4 as
// they were before the form was built from content/guides/jaist-sso/guide.json (issue 9). The
// equivalence tests (lib/guides/intake-schema.test.ts) hold the declaration to this behaviour except
// where issue 9 changes it. Never import it from app code.
import { z } from "zod";
import type { Locale } from "@/lib/i18n";
import { containsSecret } from "@/lib/secrets";
import { CONTROL_CHARACTER_MESSAGE, plainString } from "@/lib/validation/text";
import { vocabulary } from "@/lib/ticket-fields";

export const AFFILIATION = vocabulary({
  student: { ja: "学生", en: "Student" },
  staff: { ja: "教職員", en: "Faculty or staff" },
  other: { ja: "その他", en: "Other" },
});

export const NETWORK = vocabulary({
  "campus-wifi": { ja: "学内Wi-Fi(JAIST / JAISTALL)", en: "Campus Wi-Fi (JAIST / JAISTALL)" },
  "campus-wired": { ja: "学内有線LAN", en: "Campus wired LAN" },
  "ssl-vpn": { ja: "SSL-VPN", en: "SSL-VPN" },
  newcomer: { ja: "NEWCOMER(新入生向けWi-Fi)", en: "NEWCOMER (Wi-Fi for new students)" },
  eduroam: { ja: "eduroam", en: "eduroam" },
  "off-campus": { ja: "学外(自宅・外出先など)", en: "Off campus (home, mobile, elsewhere)" },
  "other-vpn": { ja: "その他のVPN", en: "Another VPN" },
});

export const SERVICE = vocabulary({
  webmail: { ja: "Webmail", en: "Webmail" },
  "ssl-vpn": { ja: "SSL-VPN", en: "SSL-VPN" },
  other: { ja: "その他(具体的に)", en: "Other (say which)" },
});

export const MESSAGE_SHOWN = vocabulary({
  "auth-failed": { ja: "「認証に失敗しました。」", en: "「認証に失敗しました。」 (Authentication failed.)" },
  "cert-invalid-no-otp": {
    ja: "「提示したクライアント証明書が無効です。またワンタイムパスワード(OTP)の 登録がありません。」",
    en: "「提示したクライアント証明書が無効です。…」 (The certificate presented is invalid and no OTP is registered.)",
  },
  "oath-screen": { ja: "OATH AUTHENTICATION(OTP入力)画面で何を入力すればよいか分からない", en: "The OATH AUTHENTICATION (OTP) screen: I don't know what to type" },
  other: { ja: "その他のメッセージ(正確に入力)", en: "Another message (type it exactly)" },
  none: { ja: "メッセージは表示されない", en: "No message is shown" },
});

export const FACTOR = vocabulary({
  none: { ja: "なし(学内から)", en: "None (on campus)" },
  otp: { ja: "ワンタイムパスワード(OTP)", en: "One-time password (OTP)" },
  certificate: { ja: "クライアント証明書", en: "Client certificate" },
  fido2: { ja: "FIDO2", en: "FIDO2" },
});

export const STOPS_AT = vocabulary({
  "after-password": { ja: "パスワード入力後", en: "After the password" },
  "factor-screen": { ja: "認証要素(OTP・証明書)の画面", en: "At the second-factor screen" },
  "after-otp": { ja: "OTP入力後", en: "After entering the OTP" },
  "after-certificate": { ja: "証明書の選択後", en: "After choosing the certificate" },
  "no-login-page": { ja: "ログイン画面が表示されない", en: "The login page never appears" },
});

export const CONTACT_FORM_LOGIN = vocabulary({
  worked: { ja: "ログインできた", en: "It worked" },
  failed: { ja: "ログインできなかった", en: "It failed" },
  "not-tried": { ja: "試していない", en: "Not tried" },
});

/** Things a requester may have tried besides the guide's steps (which are tried as step ids). */
export const EXTRA_TRIED = vocabulary({
  "other-browser": { ja: "別のブラウザ", en: "Another browser" },
  "private-window": { ja: "プライベートウィンドウ", en: "A private window" },
  "other-device": { ja: "別の端末", en: "Another device" },
  "other-network": { ja: "別のネットワーク", en: "Another network" },
});

export const LIMITS = {
  name: 100,
  username: 64,
  email: 254,
  serviceOther: 200,
  messageOther: 500,
  device: 200,
  certificateInfo: 200,
  description: 5000,
  message: 5000,
  tried: 30,
} as const;

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

const choice = <const T extends readonly [string, ...string[]]>(locale: Locale, values: T) =>
  z.enum(values, { error: M.choose[locale] });

/** "2026-11-25T09:30" typed in Japan time, as an instant. */
export function parseJstDateTime(value: string): Date | null {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h - 9, mi, s));
  // Reject 2026-02-31 and the like, which Date.UTC would roll over.
  const back = formatJstDateTime(date);
  return back.slice(0, 16) === value.slice(0, 16) ? date : null;
}

/** An instant as the value of a datetime-local input in Japan time ("2026-11-25T09:30"). */
export function formatJstDateTime(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}

const nfkc = (s: unknown) => (typeof s === "string" ? s.normalize("NFKC").trim() : s);

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

/** The contact-form schema with messages in the given language. `now` decides what "future" means. */
export function intakeSchema(locale: Locale, now: () => Date = () => new Date()) {
  const noSecret = (s: string) => !containsSecret(s);
  return z
    .object({
      name: text(locale, LIMITS.name, true),
      username: z.preprocess(
        (v) => (typeof v === "string" ? (nfkc(v) as string).toLowerCase() : v),
        z
          .string({ error: M.required[locale] })
          .min(1, M.required[locale])
          .refine((s) => !s.includes("@"), M.usernameMail[locale])
          .pipe(z.string().max(LIMITS.username, M.tooLong(LIMITS.username)[locale]).regex(/^[a-z0-9][a-z0-9._-]*$/, M.usernameChars[locale])),
      ),
      affiliation: choice(locale, AFFILIATION.values),
      email: z.preprocess(
        nfkc,
        z
          .string({ error: M.required[locale] })
          .min(1, M.required[locale])
          .max(LIMITS.email, M.tooLong(LIMITS.email)[locale])
          .pipe(z.email(M.email[locale])),
      ),
      failedAt: z
        .string({ error: M.dateTime[locale] })
        .transform((s, ctx) => {
          const date = parseJstDateTime(s.trim());
          if (!date) {
            ctx.addIssue({ code: "custom", message: M.dateTime[locale] });
            return z.NEVER;
          }
          return date;
        })
        .refine((d) => d.getTime() <= now().getTime() + FUTURE_SKEW_MS, M.future[locale])
        .refine((d) => d.getUTCFullYear() >= 2000, M.tooOld[locale]),
      network: choice(locale, NETWORK.values),
      service: choice(locale, SERVICE.values),
      serviceOther: text(locale, LIMITS.serviceOther, false).refine(noSecret, M.secret[locale]).optional(),
      messageShown: choice(locale, MESSAGE_SHOWN.values),
      messageOther: text(locale, LIMITS.messageOther, false).refine(noSecret, M.secret[locale]).optional(),
      factor: choice(locale, FACTOR.values),
      stopsAt: choice(locale, STOPS_AT.values),
      contactFormLogin: choice(locale, CONTACT_FORM_LOGIN.values),
      tried: z
        .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, M.triedValue[locale]), { error: M.triedValue[locale] })
        .max(LIMITS.tried, M.tooMany(LIMITS.tried)[locale])
        .default([])
        .transform((list) => [...new Set(list)]),
      device: text(locale, LIMITS.device, false).refine(noSecret, M.secret[locale]).optional(),
      // A certificate serial or issue date is long digits by nature: not run through the detector.
      certificateInfo: text(locale, LIMITS.certificateInfo, false).optional(),
      description: text(locale, LIMITS.description, true).refine(noSecret, M.secret[locale]),
      ...requestMetaFields(locale),
    })
    .refine((v) => v.service !== "other" || Boolean(v.serviceOther), {
      path: ["serviceOther"],
      message: M.required[locale],
      when: whenFieldsParsed(["service", "serviceOther"]),
    })
    .refine((v) => v.messageShown !== "other" || Boolean(v.messageOther), {
      path: ["messageOther"],
      message: M.required[locale],
      when: whenFieldsParsed(["messageShown", "messageOther"]),
    })
    .refine((v) => v.affiliation !== "student" || /^s\d+$/.test(v.username), {
      path: ["username"],
      message: M.usernameStudent[locale],
      when: whenFieldsParsed(["affiliation", "username"]),
    });
}

/** Cross-field rules run even when other fields have errors, so the user sees every problem at once. */
function whenFieldsParsed(fields: string[]) {
  return (payload: { issues: readonly { path?: PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

export type IntakeInput = z.output<ReturnType<typeof intakeSchema>>;
export type IntakeField = keyof IntakeInput;
export type FieldErrors = Partial<Record<string, string[]>>;

/** The form fields in page order: the error summary lists errors in this order. */
export const FIELD_ORDER = [
  "name",
  "username",
  "affiliation",
  "email",
  "failedAt",
  "network",
  "service",
  "serviceOther",
  "messageShown",
  "messageOther",
  "factor",
  "stopsAt",
  "contactFormLogin",
  "tried",
  "device",
  "certificateInfo",
  "screenshot",
  "description",
] as const;

/**
 * Fields the form sends without showing them; an error on one (only tampering causes it) is listed
 * in the summary without a link, and the re-rendered form drops the value so the next submit works.
 */
export const HIDDEN_FIELDS = ["guide", "walk", "idempotencyKey"] as const;

/** The raw values of a submitted form, as the schema (and the re-rendered form) want them. */
export function formDataToRaw(fd: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = key === "tried" ? all : all[0];
  }
  // Optional fields left empty mean "not given", not an empty value to check.
  for (const key of ["serviceOther", "messageOther", "device", "certificateInfo", "guide", "walk", "idempotencyKey"]) {
    if (raw[key] === "") delete raw[key];
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
    message: text(locale, LIMITS.message, true).refine((s) => !containsSecret(s), M.secret[locale]),
  });
}
