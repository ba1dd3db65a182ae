// The canned-reply form (issue 10 part D). Whether its placeholders exist is a server rule
// (lib/tickets/placeholders.ts unknownPlaceholders), checked in the action.
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";

const body = (which: string) =>
  plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
    .trim()
    .min(1, { error: `${which}の本文を入力してください` })
    .max(10_000, { error: "10,000文字以内で入力してください" });

export const CannedReplySchema = z.object({
  title: plainString(CONTROL_CHARACTER_MESSAGE_BOTH).trim().min(1, { error: "名前を入力してください" }).max(100, { error: "名前は100文字以内です" }),
  bodyJa: body("日本語"),
  bodyEn: body("英語"),
});
export type CannedReplyInput = z.infer<typeof CannedReplySchema>;

export const CannedReplyIdSchema = z.object({ id: z.uuid() });
