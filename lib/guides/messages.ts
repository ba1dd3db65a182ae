// The contact form's validation messages, in the user's language: today's intake messages plus the
// ones the declaration machinery adds, so a form built from any guide speaks with one voice.
import { INTAKE_MESSAGES } from "@/lib/validation/intake";

export const FORM_MESSAGES = {
  ...INTAKE_MESSAGES,
} as const;
