import { describe, expect, it } from "vitest";
import { ARTICLE_TEXT, staleTranslations, translatableText } from "@/lib/content/translation-state";

const article = (title: string, body: string, extra = "topic: account\nupdated: \"2026-11-26\"") =>
  `---\ntitle: "${title}"\ndescription: "d"\n${extra}\n---\n\n${body}\n`;

describe("staleTranslations", () => {
  it("flags en when ja changed in a later version, and clears it once en is edited too", () => {
    const v1 = { number: 1, texts: { ja: article("題", "本文"), en: article("Title", "Body") } };
    const v2 = { number: 2, texts: { ja: article("題", "本文を直した"), en: v1.texts.en } };
    expect(staleTranslations([v1])).toEqual([]);
    expect(staleTranslations([v2, v1])).toEqual([{ name: ARTICLE_TEXT, stale: "en", newer: "ja", changedIn: 2, staleSince: 1 }]);
    const v3 = { number: 3, texts: { ja: v2.texts.ja, en: article("Title", "Body, fixed") } };
    expect(staleTranslations([v1, v2, v3])).toEqual([]);
  });

  it("flags ja when only en changed (the reverse)", () => {
    const v1 = { number: 1, texts: { ja: article("題", "本文"), en: article("Title", "Body") } };
    const v2 = { number: 2, texts: { ja: v1.texts.ja, en: article("New title", "Body") } };
    expect(staleTranslations([v1, v2])).toEqual([{ name: ARTICLE_TEXT, stale: "ja", newer: "en", changedIn: 2, staleSince: 1 }]);
  });

  it("ignores keys both languages share (topic, draft, updated) and a reverted change", () => {
    const v1 = { number: 1, texts: { ja: article("題", "本文"), en: article("Title", "Body") } };
    const v2 = { number: 2, texts: { ja: article("題", "本文", "topic: otp\nupdated: \"2026-12-01\"\ndraft: false"), en: v1.texts.en } };
    expect(staleTranslations([v1, v2])).toEqual([]);
    expect(translatableText(v1.texts.ja)).toBe(translatableText(v2.texts.ja));
  });

  it("checks each step of a guide on its own and lists a step missing in one locale", () => {
    const step = (t: string) => `---\ntitle: ${t}\n---\n${t} body\n`;
    const v1 = { number: 1, texts: { ja: { index: step("目次"), step1: step("一") }, en: { index: step("Index"), step1: step("One") } } };
    const v2 = {
      number: 2,
      texts: { ja: { index: step("目次"), step1: step("一(改)"), step2: step("二") }, en: { index: step("Index (new)"), step1: step("One") } },
    };
    expect(staleTranslations([v1, v2])).toEqual([
      { name: "index", stale: "ja", newer: "en", changedIn: 2, staleSince: 1 },
      { name: "step1", stale: "en", newer: "ja", changedIn: 2, staleSince: 1 },
      { name: "step2", stale: "en", newer: "ja", changedIn: 2, staleSince: null },
    ]);
  });

  it("treats a text removed in one locale and added again as changed when it comes back", () => {
    const v1 = { number: 1, texts: { ja: { a: "x" }, en: { a: "x" } } };
    const v2 = { number: 2, texts: { ja: {}, en: { a: "x" } } };
    const v3 = { number: 3, texts: { ja: { a: "x" }, en: { a: "x" } } };
    expect(staleTranslations([v1, v2, v3])).toEqual([{ name: "a", stale: "en", newer: "ja", changedIn: 3, staleSince: 1 }]);
  });

  it("has nothing to say about no versions", () => {
    expect(staleTranslations([])).toEqual([]);
  });
});

describe("staleTranslations: catching up", () => {
  it("keeps ja in step after en caught up with it, and flags again on the next one-sided change", () => {
    const v = (number: number, ja: string, en: string) => ({ number, texts: { ja: { s: ja }, en: { s: en } } });
    const versions = [v(1, "a", "A"), v(2, "b", "A"), v(3, "b", "B"), v(4, "b", "B2")];
    expect(staleTranslations(versions.slice(0, 2)).map((s) => s.stale)).toEqual(["en"]);
    expect(staleTranslations(versions.slice(0, 3))).toEqual([]);
    expect(staleTranslations(versions)).toEqual([{ name: "s", stale: "ja", newer: "en", changedIn: 4, staleSince: 2 }]);
  });
});
