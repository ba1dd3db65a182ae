// What the SSO guide and its articles say, as a first-time reader meets it (issue 9): choices name
// the step they lead to, the contact button says what it does, and the known content errors stay fixed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, getArticle, getGuide, getGuideIntro, getStepContent, getStepFrontmatter, listArticleSlugs } from "@/lib/content";
import { LOCALES } from "@/lib/i18n";

const guideId = "jaist-sso";
const guide = getGuide(guideId)!;
const squash = (s: string) => s.replace(/\s+/g, "");

describe("choices of the SSO guide", () => {
  for (const locale of LOCALES) {
    it(`${locale}: a choice into a numbered step names it as the seed does ("STEP2-4. …")`, () => {
      const missing: string[] = [];
      for (const [stepId, step] of Object.entries(guide.steps)) {
        const labels = getStepFrontmatter(guideId, locale, stepId)!.choices;
        for (const choice of step.choices) {
          const code = guide.steps[choice.to].label;
          if (!code.startsWith("STEP")) continue;
          if (!labels[choice.id].includes(`${code}. `)) missing.push(`${stepId}/${choice.id}: ${labels[choice.id]}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it("STEP2's choice for the missing factor carries the seed's words", () => {
    expect(getStepFrontmatter(guideId, "ja", "step2")!.choices["no-factor"]).toBe("STEP2-4. 認証要素が登録されていない");
    expect(getStepFrontmatter(guideId, "en", "step2")!.choices["no-factor"]).toBe("STEP2-4. No authentication factor registered");
  });

  for (const locale of LOCALES) {
    it(`${locale}: on a leaf, the ways on are "not solved" answers, not a second "yes"`, () => {
      for (const [stepId, step] of Object.entries(guide.steps)) {
        if (!step.leaf || step.choices.length > 1) continue;
        const label = getStepFrontmatter(guideId, locale, stepId)!.choices[step.choices[0].id];
        expect(label, stepId).toMatch(locale === "ja" ? /^いいえ、解決しない/ : /^No, not solved/);
      }
    });
  }
});

describe("STEP3", () => {
  it("has a button that says what it does, above no talk of another page or of mail", async () => {
    for (const [locale, button, stale] of [
      ["ja", "問い合わせフォームへ進む", /以下のページで箇条書き|メールからお問い合わせ/],
      ["en", "Go to the contact form", /following page|by mail/],
    ] as const) {
      const file = readFileSync(path.join(CONTENT_DIR, "guides", guideId, locale, "step3.mdx"), "utf8");
      expect(file).toContain(`<ContactLink>${button}</ContactLink>`);
      const { doc } = (await getStepContent(guideId, locale, "step3"))!;
      expect(doc.blocks.filter((b) => stale.test(b))).toEqual([]);
    }
  });
});

describe("content errors (issue 9)", () => {
  it("the guide's first page points at no image it does not have", async () => {
    for (const locale of LOCALES) {
      const intro = (await getGuideIntro(guideId, locale))!;
      const text = [...intro.intro.blocks, ...(intro.reference?.blocks ?? [])].join("\n");
      expect(text).not.toMatch(/画像|image/i);
    }
  });

  it("the summary makes FIDO2 an alternative to password plus a factor, not a factor added to the password", async () => {
    const ja = (await getGuideIntro(guideId, "ja"))!.reference!.blocks;
    expect(ja).toContain("FIDO2認証");
    expect(ja).toContain("ユーザ名とパスワード+ワンタイムパスワード(OTP)");
    expect(ja.some((b) => b.includes("ユーザ名とパスワードに加えて、次のいずれか"))).toBe(false);
    const en = (await getGuideIntro(guideId, "en"))!.reference!.blocks;
    expect(en).toContain("your username and password plus a one-time password (OTP)");
    expect(en.some((b) => /password, plus one of/.test(b))).toBe(false);
  });

  it("otp-input does not repeat its heading as the next line", async () => {
    for (const locale of LOCALES) {
      const { doc } = (await getStepContent(guideId, locale, "otp-input"))!;
      const repeats = doc.blocks.filter((b, i) => i > 0 && squash(b).replace(/[::]$/, "") === squash(doc.blocks[i - 1]));
      expect(repeats).toEqual([]);
    }
  });

  it("an article's draft notice is the page's badge only, not a second one in the text", async () => {
    for (const slug of listArticleSlugs()) {
      for (const locale of LOCALES) {
        const article = (await getArticle(slug, locale))!;
        expect(article.doc.blocks.filter((b) => /下書き|draft/i.test(b)), `${slug}/${locale}`).toEqual([]);
      }
    }
  });

  it("certificate-revoke keeps the seed's order: revoke, then have a new one issued", async () => {
    for (const locale of LOCALES) {
      const text = (await getArticle("certificate-revoke", locale))!.doc.blocks.join("\n");
      expect(text).not.toMatch(/先に新しい証明書|new certificate (ready )?first|before (you )?revok/i);
    }
  });
});
