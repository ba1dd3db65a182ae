// An inbound mail as the pipeline needs it (issue 11): mailparser decodes MIME and the Japanese
// charsets phones still send (ISO-2022-JP, Shift_JIS); the threading headers, the sender, the text the
// requester wrote this time, and the attachments kept by their content like uploads are.
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";
import { MAX_SCREENSHOT_BYTES, sniffAttachment } from "@/lib/image-type";
import type { StaffFile } from "@/lib/staff-attachments";
import { automaticReason, type AutomaticReason } from "@/lib/mail/inbound/classify";
import { visibleReply } from "@/lib/mail/inbound/reply-text";

/** Checked by content like a staff upload (lib/staff-attachments.ts): images and PDF. */
export type InboundFile = StaffFile;

export type ParsedInbound = {
  messageId: string | null;
  /** In-Reply-To and References, nearest first, without angle brackets. */
  threadIds: string[];
  from: { address: string; name: string } | null;
  /** Every recipient address (To, Cc, Delivered-To), lower case: where a reply token may be. */
  recipients: string[];
  subject: string;
  date: Date | null;
  fullText: string;
  /** What the sender wrote this time, without quoted history and signature. */
  reply: string;
  files: InboundFile[];
  /** Attachments left out, by name, with why. */
  dropped: { filename: string; reason: "type" | "size" }[];
  automatic: AutomaticReason | null;
};

const stripBrackets = (id: string) => id.trim().replace(/^<|>$/g, "");
const ids = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map(stripBrackets).filter(Boolean);

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address?.toLowerCase() ?? "")).filter(Boolean);
}


/** Decodes HTML-only mail into text well enough for a ticket (staff also have the raw mail). */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

export async function parseInbound(raw: Buffer, envelopeFrom?: string | null): Promise<ParsedInbound> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const fullText = (mail.text ?? (typeof mail.html === "string" ? htmlToText(mail.html) : "")).replace(/\r\n?/g, "\n").trim();
  const from = mail.from?.value[0];
  const files: InboundFile[] = [];
  const dropped: ParsedInbound["dropped"] = [];
  for (const attachment of mail.attachments) {
    const name = (attachment.filename ?? "attachment").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 100);
    if (attachment.size > MAX_SCREENSHOT_BYTES) {
      dropped.push({ filename: name, reason: "size" });
      continue;
    }
    const data = new Uint8Array(attachment.content);
    const type = sniffAttachment(data);
    if (!type) {
      // Inline parts of no interest (a signature logo in an unknown format, a calendar) are not reported.
      if (attachment.contentDisposition !== "inline") dropped.push({ filename: name, reason: "type" });
      continue;
    }
    files.push({
      filename: `${name.replace(/\.[^.]*$/, "") || "attachment"}.${type.ext}`,
      contentType: type.mime,
      size: data.byteLength,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    });
  }
  const delivered = mail.headers.get("delivered-to");
  const recipients = [
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...(typeof delivered === "string" ? [delivered.toLowerCase()] : Array.isArray(delivered) ? (delivered as string[]).map((d) => d.toLowerCase()) : []),
  ];
  return {
    messageId: mail.messageId ? stripBrackets(mail.messageId) : null,
    threadIds: [...ids(mail.inReplyTo), ...ids(mail.references).reverse()].filter((v, i, all) => all.indexOf(v) === i),
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name ?? "" } : null,
    recipients: [...new Set(recipients)],
    subject: mail.subject ?? "",
    date: mail.date ?? null,
    fullText,
    reply: visibleReply(fullText),
    files,
    dropped,
    automatic: automaticReason(mail.headers, envelopeFrom, from?.address),
  };
}
