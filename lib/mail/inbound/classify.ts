// Mail that no person wrote (issue 11): auto-replies, bounces and mailing lists are recorded but never
// answered, or two robots would write to each other for ever. The signals are the standard headers
// (RFC 3834 Auto-Submitted, RFC 3464 delivery reports) and the de-facto ones of Exchange and lists.

export type AutomaticReason = "auto-submitted" | "auto-reply" | "bulk" | "list" | "bounce" | "null-sender";

type Headers = { get(name: string): unknown };

const text = (v: unknown): string => {
  if (v == null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && "value" in (v as object)) return String((v as { value: unknown }).value ?? "");
  return String(v);
};

/** Why a mail is automatic, or null when a person (presumably) wrote it. */
export function automaticReason(headers: Headers, envelopeFrom: string | null | undefined, fromAddress: string | undefined): AutomaticReason | null {
  const autoSubmitted = text(headers.get("auto-submitted")).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return "auto-submitted";
  if (headers.get("x-autoreply") != null || headers.get("x-autorespond") != null || headers.get("x-autoresponder") != null) return "auto-reply";
  const suppress = text(headers.get("x-auto-response-suppress")).toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress)) return "auto-reply";
  const precedence = text(headers.get("precedence")).trim().toLowerCase();
  if (precedence === "auto_reply") return "auto-reply";
  if (precedence === "bulk" || precedence === "junk") return "bulk";
  // mailparser gathers the List-* headers into one "list" entry.
  if (precedence === "list" || headers.get("list") != null || headers.get("list-id") != null || headers.get("list-unsubscribe") != null) return "list";
  const contentType = text(headers.get("content-type")).toLowerCase();
  const reportType = (headers.get("content-type") as { params?: Record<string, string> } | undefined)?.params?.["report-type"]?.toLowerCase();
  if (contentType.startsWith("multipart/report") && (reportType === "delivery-status" || reportType === "disposition-notification" || !reportType)) return "bounce";
  if (/^(mailer-daemon|postmaster)@/i.test(fromAddress ?? "")) return "bounce";
  // An empty envelope sender is how servers send bounces and other notices (RFC 5321 4.5.5).
  if (envelopeFrom === "" || envelopeFrom === "<>") return "null-sender";
  return null;
}
