import { describe, expect, it } from "vitest";
import { confirmationMail, staffReplyMail } from "@/lib/mail/templates";

const signOff = { ja: "テスト大学 サポート窓口", en: "Test University Support" };

describe("confirmationMail", () => {
  const base = { reference: "SSO-2026-000123", name: "山田 太郎", statusUrl: "https://help.example.edu/ja/requests/abc", signOff };

  it("is written in the ticket's language with the reference in the subject and the status link", () => {
    const ja = confirmationMail({ ...base, locale: "ja" });
    expect(ja.subject).toBe("[SSO-2026-000123] お問い合わせを受け付けました");
    expect(ja.text).toContain("山田 太郎 様");
    expect(ja.text).toContain(base.statusUrl);
    const en = confirmationMail({ ...base, locale: "en", statusUrl: "https://help.example.edu/en/requests/abc" });
    expect(en.subject).toBe("[SSO-2026-000123] We received your request");
    expect(en.text).toContain("https://help.example.edu/en/requests/abc");
    expect(en.text).toContain("never ask for your password");
  });

  it("ends with the configured sign-off in the mail's language", () => {
    expect(confirmationMail({ ...base, locale: "ja" }).text.trimEnd().split("\n").at(-1)).toBe(signOff.ja);
    expect(confirmationMail({ ...base, locale: "en" }).text.trimEnd().split("\n").at(-1)).toBe(signOff.en);
  });
});

describe("staffReplyMail", () => {
  const base = { reference: "SSO-2026-000123", name: "Li Wei", body: "Please try again.", statusUrl: "https://help.example.edu/en/requests/xyz", signOff };

  it("carries the status link and the configured sign-off, in either language", () => {
    for (const locale of ["ja", "en"] as const) {
      const mail = staffReplyMail({ ...base, locale });
      expect(mail.text).toContain(base.statusUrl);
      expect(mail.text).not.toContain("confirmation mail");
      expect(mail.text.trimEnd().split("\n").at(-1)).toBe(signOff[locale]);
    }
  });
});
