import { describe, expect, it } from "vitest";
import { externalLinkIds, linkUsage } from "@/lib/content/link-usage";

describe("link usage", () => {
  it("finds ids in either quote style, once each", () => {
    expect(externalLinkIds(`a <ExternalLink id="x">X</ExternalLink> <ExternalLink  id='y' /> <ExternalLink id="x" />`)).toEqual(["x", "y"]);
    expect(externalLinkIds(`<ArticleLink slug="x">`)).toEqual([]);
  });

  it("lists the guide steps and articles that use a link, per language", () => {
    const usage = linkUsage({
      guide: { g: { texts: { ja: { step1: '<ExternalLink id="status" />', index: "" }, en: { step1: '<ExternalLink id="status" />' } } } },
      article: { a: { texts: { ja: '<ExternalLink id="status">s</ExternalLink>', en: "none" } } },
    });
    expect(usage.get("status")).toEqual([
      { kind: "guide", key: "g", name: "step1", locale: "ja" },
      { kind: "guide", key: "g", name: "step1", locale: "en" },
      { kind: "article", key: "a", locale: "ja" },
    ]);
    expect(usage.get("other")).toBeUndefined();
  });
});
