// Mail texts, Japanese and English. Plain text only: it reads everywhere, including the phone mail
// app a requester uses while campus webmail is out of reach.
import type { Locale } from "@/lib/i18n";

export type ConfirmationMail = { reference: string; name: string; statusUrl: string; locale: Locale };

export function confirmationMail({ reference, name, statusUrl, locale }: ConfirmationMail): { subject: string; text: string } {
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
        "What happens next:",
        "- A member of the help desk reads your request.",
        "- We reply to this address. If we need more details, the status page says so.",
        "",
        "We never ask for your password, one-time password (OTP), recovery code or OTP secret. Do not send them.",
        "",
        "IT Help Desk",
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
      "今後の流れ:",
      "・ヘルプデスクの担当者が内容を確認します。",
      "・回答はこのメールアドレスにお送りします。追加の情報が必要な場合は上記ページでお知らせします。",
      "",
      "パスワード、ワンタイムパスワード(OTP)、リカバリーコード、OTPのシークレットキーをお尋ねすることはありません。送らないでください。",
      "",
      "ITヘルプデスク",
    ].join("\n"),
  };
}
