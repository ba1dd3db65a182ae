import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";

// One line: it ends plain-text mails, where a line break would look like a second signature.
const signOff = plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
  .trim()
  .min(1, "署名を入力してください。")
  .max(100, "100文字以内で入力してください。")
  .refine((v) => !/[\r\n]/.test(v), "1行で入力してください。");

export const SignOffSchema = z.object({ signOffJa: signOff, signOffEn: signOff });
export type SignOffInput = z.infer<typeof SignOffSchema>;
