// validateContent against the content in git: everything public today must pass, so the checks that
// moved from the content tests into the product did not get stricter by accident; and the checks
// must find what the content tests found.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_KINDS, readContentDir } from "@/lib/content/documents";
import { validateContent } from "@/lib/content/validate";

const site = readContentDir(path.join(process.cwd(), "content"));

describe("validateContent on content/", () => {
  for (const kind of CONTENT_KINDS) {
    it.each(Object.keys(site[kind]))(`${kind} %s has no problems`, async (key) => {
      expect(await validateContent(kind, site[kind][key], { key, site })).toEqual([]);
    });
  }

  it("names the step, language and line of each problem", async () => {
    const guide = structuredClone(site.guide["jaist-sso"]);
    guide.texts.en.step0 = guide.texts.en.step0.replace(/\n---\n/, '\n---\n\n<ExternalLink id="nowhere">x</ExternalLink>\n');
    guide.texts.ja.step3 = guide.texts.ja.step3.replace(/<ContactLink[\s\S]*?<\/ContactLink>/, "");
    delete guide.texts.ja["step1"];
    guide.texts.ja["ghost"] = guide.texts.ja.index;
    const problems = await validateContent("guide", guide, { key: "jaist-sso", site });
    expect(problems).toEqual(
      expect.arrayContaining([
        { where: "step0 (en)", message: '<ExternalLink id="nowhere">: そのリンクは公開されていません' },
        { where: "step3 (ja)", message: "問い合わせのステップには <ContactLink> が必要です" },
        { where: "step1 (ja)", message: "本文がありません" },
        { where: "ghost (ja)", message: "グラフにないステップの本文です" },
      ]),
    );
    const graph = structuredClone(site.guide["jaist-sso"]);
    graph.declaration.steps.step0.choices[0].to = "nowhere";
    expect(await validateContent("guide", graph, { key: "jaist-sso", site })).toContainEqual({
      where: "guide.json",
      message: expect.stringContaining('leads to missing step "nowhere"'),
    });
  });

  it("refuses unsafe links in outside links", async () => {
    expect(await validateContent("link", { label: { ja: "a", en: "a" }, url: "javascript:alert(1)", position: 0 }, { key: "x", site })).toHaveLength(1);
    expect(await validateContent("link", { label: { ja: "a", en: "a" }, url: "https://example.edu/", position: 0 }, { key: "x", site })).toEqual([]);
  });
});
