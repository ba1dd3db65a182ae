// What the three staff actions on a held inbound mail share (issue 11, part Q): the refusals and the
// mail's text cleaned exactly as the processor cleans it (lib/mail/inbound/processor.ts).
import "server-only";
import { getInboundMailForStaff } from "@/lib/data/inbound-mail";
import { parseInbound } from "@/lib/mail/inbound/parse";
import { maskSecrets } from "@/lib/secrets";

export type HeldMailErrorCode = "not-found" | "handled" | "no-ticket" | "closed" | "no-sender";

/** A staff action on a held mail that cannot go ahead; `code` is what the page explains. */
export class HeldMailError extends Error {
  constructor(public code: HeldMailErrorCode) {
    super(code);
  }
}

/** Admin UI: Japanese (decision 0005). */
export const HELD_MAIL_ERROR_MESSAGES: Record<HeldMailErrorCode, string> = {
  "not-found": "そのメールは見つかりません。",
  handled: "このメールは、他のスタッフがすでに処理しました。一覧を更新しました。",
  "no-ticket": "追加先のチケットが見つかりません。受付番号を確認してください。",
  closed: "そのチケットはクローズ済みのため、メッセージを追加できません。「新しい問い合わせにする」をお使いください。",
  "no-sender": "送信者のないメールから問い合わせは作れません。",
};

/** The held mail, parsed, with the text the processor would have applied; refuses a mail no longer held. */
export async function loadHeldMail(id: string) {
  const row = await getInboundMailForStaff(id);
  if (!row) throw new HeldMailError("not-found");
  if (row.state !== "held") throw new HeldMailError("handled");
  const mail = await parseInbound(Buffer.from(row.raw), row.envelopeFrom);
  const masked = maskSecrets(mail.reply);
  const body = { text: masked.text || (mail.files.length ? "(添付ファイルのみ / attachments only)" : "(本文なし / no text)"), masked: masked.kinds.length > 0 };
  return { row, mail, body };
}
