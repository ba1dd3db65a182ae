import { describe, expect, it } from "vitest";
import { getGuide, listAllGuideIds, listGuideIds } from "@/lib/content";
import { shortestWalks } from "@/lib/guide-graph";
import { guideHref } from "@/lib/help-urls";
import { LOCALES } from "@/lib/i18n";
import { helpDocuments, normalize, parseQuery, searchDocs, searchHelp, type SearchDoc, type SearchHit } from "@/lib/search";

const marked = (hit: SearchHit) => [...hit.title, ...hit.snippet].filter((p) => p.mark).map((p) => p.text);

describe("the search matcher", () => {
  const docs: SearchDoc[] = [
    { kind: "step", href: "/a", title: "電子証明書でアクセスする場合", blocks: ["証明書がインポートされているか確認します。"] },
    { kind: "step", href: "/b", title: "パスワードを忘れたときは", blocks: ["パスワードのリセットをお試しください。"] },
    { kind: "article", href: "/c", title: "Revoking a certificate", blocks: ["A revoked certificate cannot be used.", "Certificates expire."] },
    { kind: "article", href: "/d", title: "Private windows", blocks: ["Open a private window to choose the certificate again."] },
  ];

  it("splits queries into Japanese runs and Latin words, dropping stop words", () => {
    expect(parseQuery("OTPの登録 how to")).toEqual([
      { text: "otp", cjk: false },
      { text: "の登録", cjk: true },
    ]);
    expect(parseQuery("   ")).toEqual([]);
  });

  it("normalizes full-width letters and keeps offsets", () => {
    expect(normalize("ＯＴＰ（証明書）")).toBe("otp(証明書)");
    expect(normalize("ＯＴＰ（証明書）")).toHaveLength("ＯＴＰ（証明書）".length);
  });

  it("finds Japanese words inside sentences without spaces and ranks title matches first", () => {
    const hits = searchDocs(docs, "証明書");
    expect(hits.map((h) => h.doc.href)).toEqual(["/a"]);
    expect(marked(hits[0])).toEqual(["証明書", "証明書"]);
  });

  it("falls back to bigrams when the words are apart", () => {
    expect(searchDocs(docs, "パスワードリセット").map((h) => h.doc.href)).toEqual(["/b"]);
    expect(searchDocs(docs, "証明書確認").map((h) => h.doc.href)).toEqual(["/a"]);
    expect(searchDocs(docs, "全く関係ない話")).toEqual([]);
  });

  it("matches English words with their inflections, case-insensitively, every word required", () => {
    expect(searchDocs(docs, "revoke").map((h) => h.doc.href)).toEqual(["/c"]);
    expect(searchDocs(docs, "Certificate").map((h) => h.doc.href)).toEqual(["/c", "/d"]);
    expect(searchDocs(docs, "private certificate").map((h) => h.doc.href)).toEqual(["/d"]);
    // Prefixes of a word match (people type "cert"), but not the middle of a word.
    expect(searchDocs(docs, "cert").map((h) => h.doc.href)).toEqual(["/c", "/d"]);
    expect(searchDocs(docs, "ertificate")).toEqual([]);
    const [hit] = searchDocs(docs, "revoked");
    expect(marked(hit)).toEqual(["Revoking", "revoked"]);
  });

  it("cuts long snippets around the first match", () => {
    const long: SearchDoc = { kind: "article", href: "/e", title: "x", blocks: [`${"あ".repeat(300)}失効${"い".repeat(300)}`] };
    const [hit] = searchDocs([long], "失効");
    expect(hit.snippet[0]).toEqual({ text: "…", mark: false });
    expect(hit.snippet.at(-1)).toEqual({ text: "…", mark: false });
    expect(hit.snippet.find((p) => p.mark)?.text).toBe("失効");
  });
});

describe("search over the help content", () => {
  const titles = (hits: SearchHit[]) => hits.map((h) => h.doc.title);

  it("finds the certificate steps for 証明書", async () => {
    const hits = await searchHelp("ja", "証明書");
    expect(titles(hits)).toEqual(expect.arrayContaining(["STEP2-3.電子証明書でアクセスする場合", "STEP1-3. 電子証明書をご確認ください", "STEP2-3-1.電子証明書はインポートされています"]));
    expect(hits.every((h) => marked(h).length > 0)).toBe(true);
  });

  it("finds revocation for 失効", async () => {
    const hits = await searchHelp("ja", "失効");
    expect(titles(hits)).toEqual(expect.arrayContaining(["STEP1-3. 電子証明書をご確認ください", "STEP2-3-1.電子証明書はインポートされています", "クライアント証明書の失効手順"]));
    expect(titles(hits)[0]).toBe("クライアント証明書の失効手順");
  });

  it("finds the OTP steps for ワンタイムパスワード", async () => {
    const hits = await searchHelp("ja", "ワンタイムパスワード");
    expect(titles(hits)).toEqual(expect.arrayContaining(["ワンタイムパスワード(OTP)の入力画面について", "STEP2-2.ワンタイムパスワードでアクセスする場合", "STEP2-4.認証要素が足りない"]));
    const step = hits.find((h) => h.doc.title.startsWith("STEP2-2"))!;
    expect(step.doc.href).toBe("/ja/guides/jaist-sso/cert-invalid/use-otp");
  });

  it("finds English steps and articles by words", async () => {
    expect(titles(await searchHelp("en", "revoke"))).toEqual(expect.arrayContaining(["How to revoke a client certificate"]));
    const otp = await searchHelp("en", "one-time password");
    expect(otp.length).toBeGreaterThan(3);
    expect(otp.every((h) => h.doc.href.startsWith("/en/"))).toBe(true);
    expect(await searchHelp("en", "ハガキ")).toEqual([]);
    expect(await searchHelp("ja", "zzzyx")).toEqual([]);
  });
});

describe("search across guides", () => {
  it("indexes every public guide and every step of it, each step naming its guide; drafts not at all", async () => {
    for (const locale of LOCALES) {
      const docs = await helpDocuments(locale);
      for (const id of listGuideIds()) {
        const guideDoc = docs.find((d) => d.kind === "guide" && d.href === guideHref(locale, id));
        expect(guideDoc, `${locale} ${id}`).toBeDefined();
        for (const [stepId, walk] of shortestWalks(getGuide(id)!)) {
          const step = docs.find((d) => d.kind === "step" && d.href === guideHref(locale, id, walk));
          expect(step?.guide, `${locale} ${id} ${stepId}`).toEqual({ id, title: guideDoc!.title });
        }
      }
      const drafts = listAllGuideIds().filter((id) => !listGuideIds().includes(id));
      expect(drafts.length).toBeGreaterThan(0);
      for (const id of drafts) expect(docs.filter((d) => d.href.startsWith(guideHref(locale, id)))).toEqual([]);
    }
  });

  it("finds a guide by the symptoms of its catalog entry, words its pages may not use", async () => {
    const ja = await searchHelp("ja", "ログインできない");
    expect(ja.find((h) => h.doc.kind === "guide")?.doc.href).toBe("/ja/guides/jaist-sso");
    const en = await searchHelp("en", "stuck at the OTP screen");
    expect(en.find((h) => h.doc.kind === "guide")?.doc.href).toBe("/en/guides/jaist-sso");
  });

  it("says which guide a step hit belongs to", async () => {
    const hits = (await searchHelp("ja", "証明書")).filter((h) => h.doc.kind === "step");
    expect(hits.length).toBeGreaterThan(2);
    expect(new Set(hits.map((h) => h.doc.guide?.title))).toEqual(new Set(["JAIST-SSOでログインに失敗する時は"]));
  });
});
