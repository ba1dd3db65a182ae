import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { renderPlaceholders, unknownPlaceholders } from "@/lib/tickets/placeholders";

const origin = env().APP_URL.replace(/\/$/, "");
const ja = { locale: "ja" as const, name: "北陸 太郎", reference: "SSO-2026-000042" };
const en = { locale: "en" as const, name: "Jane Doe", reference: "SSO-2026-000042" };

describe("renderPlaceholders", () => {
  it("fills the requester's name and the reference, spaces inside the braces allowed", () => {
    expect(renderPlaceholders("{{name}} 様 ({{ reference }})", ja)).toBe("北陸 太郎 様 (SSO-2026-000042)");
    expect(renderPlaceholders("Dear {{name}}, re {{reference}}", en)).toBe("Dear Jane Doe, re SSO-2026-000042");
  });

  it("keeps {{status_link}} for the stored text, fills it for the mail, or points to the confirmation mail", () => {
    expect(renderPlaceholders("See {{status_link}}", en)).toBe("See {{status_link}}");
    expect(renderPlaceholders("See {{status_link}}", { ...en, statusLink: "https://help.example/en/requests/abc" })).toBe("See https://help.example/en/requests/abc");
    expect(renderPlaceholders("See {{status_link}}", { ...en, statusLink: null })).toBe("See (the request status page linked in the confirmation mail)");
    expect(renderPlaceholders("{{status_link}}", { ...ja, statusLink: null })).toBe("(受付時のメールにある「お問い合わせ状況」ページ)");
  });

  it("links a guide step by its shortest walk, in the ticket's language", () => {
    expect(renderPlaceholders("{{guide:jaist-sso/step2-3}}", ja)).toBe(`${origin}/ja/guides/jaist-sso/cert-invalid/use-cert`);
    expect(renderPlaceholders("{{guide:jaist-sso/step2-3}}", en)).toBe(`${origin}/en/guides/jaist-sso/cert-invalid/use-cert`);
    expect(renderPlaceholders("{{guide:jaist-sso/step0}}", en)).toBe(`${origin}/en/guides/jaist-sso`);
  });

  it("links an article in the ticket's language", () => {
    expect(renderPlaceholders("{{article:private-window}}", ja)).toBe(`${origin}/ja/articles/private-window`);
    expect(renderPlaceholders("{{article:private-window}}", en)).toBe(`${origin}/en/articles/private-window`);
  });

  it("leaves unknown placeholders as written, and a name with $ patterns untouched", () => {
    expect(renderPlaceholders("{{nmae}} {{guide:jaist-sso/nope}} {{article:nope}}", en)).toBe("{{nmae}} {{guide:jaist-sso/nope}} {{article:nope}}");
    expect(renderPlaceholders("{{name}}", { ...en, name: "$& $1 {{reference}}" })).toBe("$& $1 {{reference}}");
  });
});

describe("unknownPlaceholders", () => {
  it("accepts every known placeholder", () => {
    expect(unknownPlaceholders("{{name}} {{reference}} {{status_link}} {{guide:jaist-sso/step2-3}} {{article:private-window}} {{ name }}")).toEqual([]);
  });

  it("names each unknown one once: typos, missing guides, steps, articles, prototype keys, drafts", () => {
    expect(
      unknownPlaceholders("{{nmae}} {{nmae}} {{guide:nope/step0}} {{guide:jaist-sso/constructor}} {{guide:jaist-sso}} {{article:nope}} {{article:../x}} {{}}"),
    ).toEqual(["{{nmae}}", "{{guide:nope/step0}}", "{{guide:jaist-sso/constructor}}", "{{guide:jaist-sso}}", "{{article:nope}}", "{{article:../x}}", "{{}}"]);
  });
});
