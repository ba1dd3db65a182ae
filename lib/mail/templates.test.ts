import { describe, expect, it } from "vitest";
import { confirmationMail } from "@/lib/mail/templates";

describe("confirmationMail", () => {
  const base = { reference: "SSO-2026-000123", name: "山田 太郎", statusUrl: "https://help.example.edu/ja/requests/abc" };

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
});
