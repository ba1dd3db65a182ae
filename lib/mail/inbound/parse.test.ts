import Encoding from "encoding-japanese";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { parseInbound } from "@/lib/mail/inbound/parse";
import { maskSecrets } from "@/lib/secrets";
import { encodedJis, phoneReply as phoneMail, TINY_PNG as PNG } from "@/lib/testing/mail-fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const sjis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: "SJIS", from: "UNICODE" }));

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

/** A reply as a Japanese phone mail app sends it: ISO-2022-JP text, quoted history, signature, a photo. */
function phoneReply(inReplyTo: string) {
  return phoneMail({
    headers: [
      `From: ${encodedJis("山田")} <yamada@phone.example>`,
      "To: helpdesk+abc@example.test",
      `Subject: ${encodedJis("Re: [SSO-2026-000001] ヘルプデスク")}`,
      "Message-ID: <reply-1@phone.example>",
      `In-Reply-To: <${inReplyTo}>`,
      `References: <first@tebiki> <${inReplyTo}>`,
    ],
    lines: [
      "証明書の画面は出なくなりましたが、今度はエラー画面になります。",
      "スクリーンショットを付けます。",
      "",
      "iPhoneから送信",
      "",
      "2026/11/26 10:02、ヘルプデスク <helpdesk@example.test>のメッセージ:",
      "",
      "> 山田 様",
      "> ブラウザを再起動してください。",
    ],
  });
}

describe("parseInbound", () => {
  it("reads a phone's ISO-2022-JP reply: thread ids, the new text only, the photo by its real type", async () => {
    const mail = await parseInbound(phoneReply("reply-to-ticket@tebiki"));
    expect(mail.messageId).toBe("reply-1@phone.example");
    expect(mail.threadIds).toEqual(["reply-to-ticket@tebiki", "first@tebiki"]);
    expect(mail.from).toEqual({ address: "yamada@phone.example", name: "山田" });
    expect(mail.recipients).toContain("helpdesk+abc@example.test");
    expect(mail.subject).toBe("Re: [SSO-2026-000001] ヘルプデスク");
    expect(mail.reply).toBe("証明書の画面は出なくなりましたが、今度はエラー画面になります。\nスクリーンショットを付けます。");
    expect(mail.fullText).toContain("ブラウザを再起動してください。");
    // Named .JPG, really a PNG: kept as what it is.
    expect(mail.files.map((f) => [f.filename, f.contentType, f.size])).toEqual([["IMG_0001.png", "image/png", PNG.length]]);
    expect(mail.automatic).toBeNull();
  });

  it("decodes Shift_JIS in base64", async () => {
    const raw = Buffer.concat([
      Buffer.from("From: a@example.test\r\nSubject: x\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: base64\r\n\r\n"),
      Buffer.from(sjis("ログインできません").toString("base64")),
      Buffer.from("\r\n"),
    ]);
    expect((await parseInbound(raw)).reply).toBe("ログインできません");
  });

  it.each([
    ["Gmail in Japanese", "2026年11月26日(木) 10:02 ヘルプデスク <helpdesk@example.test>:"],
    ["Outlook", "-----Original Message-----"],
    ["Outlook in Japanese", "差出人: ヘルプデスク <helpdesk@example.test>"],
    ["Thunderbird in Japanese", "ヘルプデスク さんは書きました:"],
    ["English clients", "On Thu, Nov 26, 2026 at 10:02 AM Help Desk <helpdesk@example.test> wrote:"],
  ])("cuts the quoted history of %s", async (_client, header) => {
    const raw = await compose({ from: "a@example.test", to: "helpdesk@example.test", subject: "Re: x", text: `直りました。ありがとうございました。\n\n${header}\n> 前のメッセージ\n> ブラウザを再起動してください。` });
    expect((await parseInbound(raw)).reply).toBe("直りました。ありがとうございました。");
  });

  it("keeps images and PDFs by content and reports what it leaves out", async () => {
    const raw = await compose({
      from: "a@example.test",
      to: "helpdesk@example.test",
      subject: "files",
      text: "files",
      attachments: [
        { filename: "error.pdf", content: PDF },
        { filename: "fake.pdf", content: Buffer.from("<html><script>alert(1)</script></html>") },
        { filename: "shot.png", content: PNG },
      ],
    });
    const mail = await parseInbound(raw);
    expect(mail.files.map((f) => [f.filename, f.contentType])).toEqual([
      ["error.pdf", "application/pdf"],
      ["shot.png", "image/png"],
    ]);
    expect(mail.dropped).toEqual([{ filename: "fake.pdf", reason: "type" }]);
  });

  it.each([
    ["Auto-Submitted: auto-replied", "auto-submitted"],
    ["X-Autoreply: yes", "auto-reply"],
    ["X-Auto-Response-Suppress: All", "auto-reply"],
    ["Precedence: bulk", "bulk"],
    ["List-Id: <students.example.test>", "list"],
  ])("recognises automatic mail by %s", async (header, reason) => {
    const [name, value] = header.split(": ");
    const raw = await compose({ from: "a@example.test", to: "helpdesk@example.test", subject: "Out of office", text: "I am away", headers: { [name]: value } });
    expect((await parseInbound(raw)).automatic).toBe(reason);
  });

  it("recognises bounces and a null sender; a person's mail with Auto-Submitted: no is not automatic", async () => {
    const dsn = Buffer.from(
      'From: MAILER-DAEMON@example.test\r\nSubject: Undelivered\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n',
    );
    expect((await parseInbound(dsn)).automatic).toBe("bounce");
    const plain = await compose({ from: "a@example.test", to: "helpdesk@example.test", subject: "hi", text: "hi", headers: { "Auto-Submitted": "no" } });
    expect((await parseInbound(plain, "")).automatic).toBe("null-sender");
    expect((await parseInbound(plain, "a@example.test")).automatic).toBeNull();
  });
});

describe("maskSecrets", () => {
  it("masks a password, an OTP code and an OTP secret, and says which", () => {
    const { text, kinds } = maskSecrets("パスワードは Abcd1234! です。認証コード 482913 も試しました。secret JBSW Y3DP EHPK 3PXP");
    expect(text).not.toContain("Abcd1234!");
    expect(text).not.toContain("482913");
    expect(text).not.toContain("JBSW");
    expect(text).toContain("[****]");
    expect(kinds.sort()).toEqual(["otp-code", "otp-secret", "password"]);
  });

  it("leaves ordinary text as it is", () => {
    const plain = "パスワードを変更しました。学籍番号は s2410001 です。";
    expect(maskSecrets(plain)).toEqual({ text: plain, kinds: [] });
  });
});
