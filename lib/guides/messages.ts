// The contact form's validation messages, in the user's language: today's intake messages plus the
// ones the declaration machinery adds, so a form built from any guide speaks with one voice.
import { INTAKE_MESSAGES } from "@/lib/validation/intake";

export const FORM_MESSAGES = {
  ...INTAKE_MESSAGES,
  controlChars: {
    ja: "使えない制御文字が含まれています。削除してから送信してください。",
    en: "This contains control characters that cannot be used. Remove them, then send again.",
  },
} as const;
