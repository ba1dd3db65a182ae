// The fields every contact request has, whatever the guide (issue 9): they stay Ticket columns, so
// they are declared once here rather than in each guide.json. A guide may place one in its own form
// and reword its label or help ({ "common": "failedAt", "label": … }); fields it does not place keep
// their default position: who you are first, device and description last.
import type { FieldDeclaration } from "@/lib/guides/declaration";

const AFFILIATION_OPTIONS = [
  { value: "student", label: { ja: "学生", en: "Student" } },
  { value: "staff", label: { ja: "教職員", en: "Faculty or staff" } },
  { value: "other", label: { ja: "その他", en: "Other" } },
];

/** Before the guide's own fields. */
export const COMMON_START: readonly FieldDeclaration[] = [
  { key: "name", kind: "text", label: { ja: "氏名", en: "Name" }, required: "always", maxLength: 100 },
  {
    key: "username",
    kind: "username",
    label: { ja: "ユーザ名", en: "Username" },
    help: {
      ja: "学生は「s」と学籍番号(例: s1234567)、教職員はメールアドレスの「@」より前の部分です。",
      en: "Students: \"s\" and the student number (e.g. s1234567). Staff: the part of your mail address before \"@\".",
    },
    required: "always",
    maxLength: 64,
  },
  { key: "affiliation", kind: "single", label: { ja: "所属", en: "Affiliation" }, options: AFFILIATION_OPTIONS, required: "always" },
  {
    key: "email",
    kind: "email",
    label: { ja: "返信先メールアドレス", en: "Reply address" },
    help: {
      ja: "学内のWebmailを読めないことがあります。今読めるアドレス(個人のメールなど)を入力してください。",
      en: "Campus webmail may be out of reach: give an address you can read now (a personal one, for example).",
    },
    required: "always",
    maxLength: 254,
  },
  {
    key: "failedAt",
    kind: "datetime",
    label: { ja: "問題が起きた日時(日本時間)", en: "When it happened (Japan time)" },
    help: { ja: "だいたいで構いません。はじめは現在の日時が入っています。", en: "Roughly is fine. It starts at the current time." },
    required: "always",
  },
];

/** After the guide's own fields. */
export const COMMON_END: readonly FieldDeclaration[] = [
  {
    key: "device",
    kind: "text",
    label: { ja: "端末・OS・ブラウザ", en: "Device, OS and browser" },
    help: { ja: "お使いのブラウザから推測して入力しています。違っていれば直してください。", en: "Guessed from your browser. Correct it if it is wrong." },
    required: "optional",
    secretCheck: true,
    maxLength: 200,
  },
  {
    key: "description",
    kind: "textarea",
    label: { ja: "状況の説明", en: "What happened" },
    help: { ja: "何をしようとして、何が起きたか。5000文字まで。", en: "What you tried to do and what happened. Up to 5,000 characters." },
    required: "always",
    secretCheck: true,
    maxLength: 5000,
  },
];

export const COMMON_FIELDS: ReadonlyMap<string, FieldDeclaration> = new Map(
  [...COMMON_START, ...COMMON_END].map((f) => [f.key, f]),
);

/** Request fields that are not questions: the form and API clients send them as they are. */
export const META_KEYS = ["locale", "guide", "walk", "idempotencyKey"] as const;
