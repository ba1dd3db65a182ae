// The part of a mail the requester actually wrote this time: quoted history and signatures removed.
// email-reply-parser (Crisp) knows "On … wrote:", "-----Original Message-----", iPhone's Japanese
// "…のメッセージ:" and many signatures; the cut lines below add what Japanese mail clients and
// carriers write that it does not know. Cutting too little is safe (staff see a longer message);
// cutting too much loses words, so the patterns are anchored to whole lines.
import EmailReplyParser from "email-reply-parser";

const JAPANESE_QUOTE_HEADERS: RegExp[] = [
  // Gmail: "2026年11月26日(木) 10:00 山田太郎 <taro@example.jp>:"
  /^\s*\d{4}年\d{1,2}月\d{1,2}日.*[<＜].+@.+[>＞]\s*[:：]?\s*$/,
  // Outlook and Thunderbird in Japanese: the header block of the quoted mail.
  /^\s*(差出人|送信者|送信元|From)\s*[:：].+$/,
  /^\s*-{2,}\s*(元の|オリジナル|転送)?\s*メッセージ\s*-{2,}\s*$/,
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  // Thunderbird: "山田太郎 wrote:" / "山田太郎 さんは書きました:"
  /^.+(さんは書きました|が書きました|wrote)\s*[:：]\s*$/,
  /^\s*-{5,}\s*Forwarded message\s*-{5,}\s*$/i,
];

const JAPANESE_SIGNATURES: RegExp[] = [/^\s*(iPhone|iPad|Android|Galaxy|Xperia|AQUOS).{0,20}から送信\s*$/, /^\s*Sent from my .+$/i];

/** Cuts the text at the first line that starts quoted history. */
function cutAtQuoteHeader(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && JAPANESE_QUOTE_HEADERS.some((re) => re.test(lines[i]))) return lines.slice(0, i).join("\n");
  }
  return text;
}

function dropSignatures(text: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((line, i) => i > 0 && JAPANESE_SIGNATURES.some((re) => re.test(line)));
  return at === -1 ? text : lines.slice(0, at).join("\n");
}

/** The new text of a reply; the whole text when nothing would be left (then nothing was quoted). */
export function visibleReply(fullText: string): string {
  const normalized = fullText.replace(/\r\n?/g, "\n");
  const cut = dropSignatures(cutAtQuoteHeader(normalized));
  const parsed = new EmailReplyParser().parseReply(cut).trim();
  if (parsed) return parsed;
  const fallback = cut.trim();
  return fallback || normalized.trim();
}
