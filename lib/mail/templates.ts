// Mail texts, Japanese and English. Plain text only: it reads everywhere, including the phone mail
// app a requester uses while campus webmail is out of reach.
// Every mail ends with the one sign-off admins set at /admin/settings (lib/data/settings.ts).
import type { Locale } from "@/lib/i18n";
import { STAFF_ROLE_LABELS } from "@/lib/validation/staff";

/** The help desk's name under every mail, per language (docs/decisions/0022). */
export type SignOff = { ja: string; en: string };

/** Used until an admin sets one, and when the settings row is missing. */
export const DEFAULT_SIGN_OFF: SignOff = { ja: "情報社会基盤研究センター ヘルプデスク", en: "RCACI Help Desk" };

export type ConfirmationMail = {
  reference: string;
  name: string;
  statusUrl: string;
  locale: Locale;
  signOff: SignOff;
  /** A request that came by mail (issue 11): guides that may solve it at once. */
  suggestions?: { title: string; url: string }[];
  /** A password or code in the mail was masked before it was stored. */
  masked?: boolean;
};

function suggestionLines(locale: Locale, suggestions: { title: string; url: string }[] = []): string[] {
  if (!suggestions.length) return [];
  const head = locale === "en" ? "These pages may solve it right away:" : "次のページで解決できるかもしれません:";
  return [head, ...suggestions.flatMap((s) => [`- ${s.title}`, `  ${s.url}`]), ""];
}

function maskedLines(locale: Locale, masked: boolean | undefined): string[] {
  if (!masked) return [];
  return locale === "en"
    ? ["Your mail seemed to contain a password or a code. We did not keep it. Never send them by mail.", ""]
    : ["メールにパスワードやコードらしきものが含まれていたため、その部分を保存せずに伏せました。メールで送らないでください。", ""];
}

export function confirmationMail({ reference, name, statusUrl, locale, signOff, suggestions, masked }: ConfirmationMail): { subject: string; text: string } {
  if (locale === "en") {
    return {
      subject: `[${reference}] We received your request`,
      text: [
        `Dear ${name},`,
        "",
        `We received your request. Its reference is ${reference}.`,
        "",
        "See its status, read our replies and add information here (keep this link to yourself):",
        statusUrl,
        "",
        ...maskedLines("en", masked),
        ...suggestionLines("en", suggestions),
        "What happens next:",
        "- A member of the help desk reads your request.",
        "- We reply to this address. If we need more details, the status page says so.",
        "",
        "We never ask for your password, one-time password (OTP), recovery code or OTP secret. Do not send them.",
        "",
        signOff.en,
      ].join("\n"),
    };
  }
  return {
    subject: `[${reference}] お問い合わせを受け付けました`,
    text: [
      `${name} 様`,
      "",
      `お問い合わせを受け付けました。受付番号は ${reference} です。`,
      "",
      "対応状況の確認、回答の閲覧、情報の追加は次のページからできます(このリンクは他の人に教えないでください):",
      statusUrl,
      "",
      ...maskedLines("ja", masked),
      ...suggestionLines("ja", suggestions),
      "今後の流れ:",
      "・ヘルプデスクの担当者が内容を確認します。",
      "・回答はこのメールアドレスにお送りします。追加の情報が必要な場合は上記ページでお知らせします。",
      "",
      "パスワード、ワンタイムパスワード(OTP)、リカバリーコード、OTPのシークレットキーをお尋ねすることはありません。送らないでください。",
      "",
      signOff.ja,
    ].join("\n"),
  };
}

// Mails to staff are in Japanese only, like the admin they lead to (docs/decisions/0005).

export type StaffInvitationMail = { name: string; role: "agent" | "editor" | "admin"; inviterName: string; url: string; expiresHours: number; signOff: SignOff };

export function staffInvitationMail({ name, role, inviterName, url, expiresHours, signOff }: StaffInvitationMail): { subject: string; text: string } {
  return {
    subject: "[Tebiki] ヘルプデスク管理画面への招待",
    text: [
      `${name} 様`,
      "",
      `${inviterName} さんが、ヘルプデスク管理画面(Tebiki)に${STAFF_ROLE_LABELS[role]}としてあなたを招待しました。`,
      "",
      `次のリンクを開いてパスワードを設定してください(${expiresHours}時間有効、1回限り):`,
      url,
      "",
      "心当たりがない場合は、このメールを破棄してください。アカウントは作られません。",
      "",
      signOff.ja,
    ].join("\n"),
  };
}

export type StaffPasswordResetMail = { name: string; url: string; expiresMinutes: number; signOff: SignOff };

export function staffPasswordResetMail({ name, url, expiresMinutes, signOff }: StaffPasswordResetMail): { subject: string; text: string } {
  return {
    subject: "[Tebiki] パスワードの再設定",
    text: [
      `${name} 様`,
      "",
      "ヘルプデスク管理画面(Tebiki)のパスワード再設定の依頼を受け付けました。",
      "",
      `次のリンクを開いて新しいパスワードを設定してください(${expiresMinutes}分間有効、1回限り):`,
      url,
      "",
      "新しいパスワードを設定すると、ログイン中のすべての端末でログアウトされます。",
      "心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。",
      "",
      signOff.ja,
    ].join("\n"),
  };
}

export type StaffReplyMail = {
  locale: Locale;
  name: string;
  reference: string;
  body: string;
  attachments?: string[];
  statusUrl: string;
  signOff: SignOff;
  /** A reply that resolves the ticket carries the rating links itself (docs/decisions/0030-csat.md). */
  csat?: CsatLinks;
};

/** The two one-click rating links of a resolved ticket (lib/csat/links.ts). */
export type CsatLinks = { goodUrl: string; badUrl: string };

/** "How did we do?" with the two links; both languages name the choice as the status page does. */
function csatLines(locale: Locale, links: CsatLinks | undefined): string {
  if (!links) return "";
  return locale === "en"
    ? `How did we do? One click rates our help (you can add a comment, and change it for 7 days):\n` +
        `Good: ${links.goodUrl}\nBad: ${links.badUrl}\n\n`
    : `対応はいかがでしたか。クリックひとつで評価できます(コメントも書けます。7日間は変更できます):\n` +
        `解決しました・満足: ${links.goodUrl}\n不満: ${links.badUrl}\n\n`;
}

/**
 * A staff member's public reply, quoted between rules so the requester sees where it starts and ends,
 * with a status link of its own (minted for this mail; decision 0022) to answer from. Files are named,
 * not attached: they are downloaded from the status page (docs/decisions/0021).
 */
export function staffReplyMail({ locale, name, reference, body, attachments = [], statusUrl, signOff, csat }: StaffReplyMail): { subject: string; text: string } {
  const files = attachments.length
    ? locale === "en"
      ? `Files attached to this reply (download them from the request status page):\n${attachments.map((f) => `- ${f}`).join("\n")}\n\n`
      : `この返信の添付ファイル(「お問い合わせ状況」ページからダウンロードできます):\n${attachments.map((f) => `・${f}`).join("\n")}\n\n`
    : "";
  if (locale === "en") {
    return {
      subject: `[${reference}] Reply from the help desk`,
      text:
        `Dear ${name},\n\nThe help desk has replied to your request (reference ${reference}).\n\n` +
        `----------------------------------------\n${body}\n----------------------------------------\n\n` +
        files +
        csatLines("en", csat) +
        `To answer or add information, open your request's status page (keep this link to yourself):\n${statusUrl}\n\n` +
        `Never write your password or one-time password.\n\n${signOff.en}\n`,
    };
  }
  return {
    subject: `[${reference}] ヘルプデスクからの返信`,
    text:
      `${name} 様\n\nお問い合わせ(受付番号 ${reference})について、ヘルプデスクから返信しました。\n\n` +
      `----------------------------------------\n${body}\n----------------------------------------\n\n` +
      files +
      csatLines("ja", csat) +
      `返信や追加の情報は、次の「お問い合わせ状況」ページからお送りください(このリンクは他の人に教えないでください):\n${statusUrl}\n\n` +
      `パスワードやワンタイムパスワードは書かないでください。\n\n${signOff.ja}\n`,
  };
}

export type StaffNotificationKind = "new_ticket" | "requester_message" | "assigned" | "sla_warning" | "sla_breach";

export type StaffNotificationMail = {
  kind: StaffNotificationKind;
  name: string;
  reference: string;
  summary: string;
  ticketUrl: string;
  settingsUrl: string;
  signOff: SignOff;
  /** Lines about this notification under the lead (an SLA alert: which target, due when). */
  details?: string[];
};

const NOTIFICATION_LINES: Record<StaffNotificationKind, { subject: string; lead: string }> = {
  new_ticket: { subject: "新しいお問い合わせ", lead: "フォロー中のガイドに新しいお問い合わせが届きました。" },
  requester_message: { subject: "依頼者からの返信", lead: "お問い合わせに、依頼者から返信がありました。" },
  assigned: { subject: "担当の割り当て", lead: "お問い合わせの担当者にあなたが割り当てられました。" },
  sla_warning: { subject: "対応期限が近づいています", lead: "お問い合わせの対応期限が近づいています。" },
  sla_breach: { subject: "対応期限を過ぎました", lead: "お問い合わせの対応期限を過ぎました。" },
};

/** A staff notification by mail (what the in-app list shows, for those who chose mail too). */
export function staffNotificationMail({ kind, name, reference, summary, ticketUrl, settingsUrl, signOff, details = [] }: StaffNotificationMail): { subject: string; text: string } {
  const t = NOTIFICATION_LINES[kind];
  return {
    subject: `[Tebiki] ${t.subject}: ${reference}`,
    text: [
      `${name} 様`,
      "",
      t.lead,
      ...details,
      "",
      `受付番号: ${reference}`,
      `概要: ${summary}`,
      "",
      "チケットを開く:",
      ticketUrl,
      "",
      `通知の受け取り方は次のページで変更できます: ${settingsUrl}`,
      "",
      signOff.ja,
    ].join("\n"),
  };
}

export type TicketMergedMail = { locale: Locale; name: string; reference: string; survivorReference: string; signOff: SignOff };

/**
 * To the requester of a ticket merged into another: the two references, and that the old status link
 * keeps working (what is written there reaches the surviving request).
 */
export function ticketMergedMail({ locale, name, reference, survivorReference, signOff }: TicketMergedMail): { subject: string; text: string } {
  if (locale === "en") {
    return {
      subject: `[${reference}] Your request continues as ${survivorReference}`,
      text:
        `Dear ${name},\n\nYour request ${reference} is about the same matter as request ${survivorReference}, ` +
        `so the help desk has joined them. We continue under ${survivorReference}; ${reference} is closed.\n\n` +
        `Your status page link for ${reference} still works: what you write there reaches ${survivorReference}.\n` +
        `Never write your password or one-time password.\n\n${signOff.en}\n`,
    };
  }
  return {
    subject: `[${reference}] お問い合わせを ${survivorReference} にまとめました`,
    text:
      `${name} 様\n\nお問い合わせ(受付番号 ${reference})は、受付番号 ${survivorReference} と同じ内容のため、ひとつにまとめました。` +
      `以後は ${survivorReference} で対応します。${reference} は終了しました。\n\n` +
      `${reference} の「お問い合わせ状況」ページのリンクは引き続き使えます。そこから送ったメッセージは ${survivorReference} に届きます。\n` +
      `パスワードやワンタイムパスワードは書かないでください。\n\n${signOff.ja}\n`,
  };
}

export type SecretMaskedMail = { locale: Locale; name: string; reference: string; statusUrl: string; signOff: SignOff };

/** After a requester's mail whose password or code was masked before it was stored (issue 11). */
export function secretMaskedMail({ locale, name, reference, statusUrl, signOff }: SecretMaskedMail): { subject: string; text: string } {
  if (locale === "en") {
    return {
      subject: `[${reference}] Please do not send passwords by mail`,
      text: [`Dear ${name},`, "", "We received your mail and added it to your request.", ...maskedLines("en", true), "Your request's status page:", statusUrl, "", signOff.en].join("\n"),
    };
  }
  return {
    subject: `[${reference}] メールでパスワードを送らないでください`,
    text: [`${name} 様`, "", "メールを受け取り、お問い合わせに追加しました。", ...maskedLines("ja", true), "お問い合わせ状況ページ:", statusUrl, "", signOff.ja].join("\n"),
  };
}

export type TicketResolvedMail = { locale: Locale; name: string; reference: string; statusUrl: string; signOff: SignOff } & CsatLinks;

/**
 * Staff resolved the request without a reply (the properties form or a bulk change): say so, ask for
 * a rating with the two one-click links, and say how to go on if it is not solved (issue 13).
 */
export function ticketResolvedMail({ locale, name, reference, statusUrl, goodUrl, badUrl, signOff }: TicketResolvedMail): { subject: string; text: string } {
  if (locale === "en") {
    return {
      subject: `[${reference}] Your request was resolved`,
      text:
        `Dear ${name},\n\nThe help desk has marked your request ${reference} as resolved.\n\n` +
        csatLines("en", { goodUrl, badUrl }) +
        `If it is not solved, write to us from your request's status page (keep this link to yourself):\n${statusUrl}\n\n` +
        `Never write your password or one-time password.\n\n${signOff.en}\n`,
    };
  }
  return {
    subject: `[${reference}] お問い合わせを解決済みにしました`,
    text:
      `${name} 様\n\nお問い合わせ(受付番号 ${reference})を解決済みにしました。\n\n` +
      csatLines("ja", { goodUrl, badUrl }) +
      `解決していない場合は、次の「お問い合わせ状況」ページからお知らせください(このリンクは他の人に教えないでください):\n${statusUrl}\n\n` +
      `パスワードやワンタイムパスワードは書かないでください。\n\n${signOff.ja}\n`,
  };
}
