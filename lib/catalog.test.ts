import { describe, expect, it } from "vitest";
import { listCatalog, listCatalogByTopic } from "@/lib/catalog";
import { getGuideDeclaration, getTopics, listAllGuideIds, listGuideIds } from "@/lib/content";
import { LOCALES } from "@/lib/i18n";

describe("the catalog", () => {
  it("lists the public guides with their declared title and symptoms, and no draft", () => {
    for (const locale of LOCALES) {
      const catalog = listCatalog(locale);
      expect(catalog.map((g) => g.id)).toEqual(listGuideIds());
      for (const entry of catalog) {
        const declared = getGuideDeclaration(entry.id)!.catalog;
        expect(entry.title).toBe(declared.title[locale]);
        expect(entry.symptoms).toEqual(declared.symptoms.map((s) => s[locale]));
        expect(entry.href).toBe(`/${locale}/guides/${entry.id}`);
      }
      const drafts = listAllGuideIds().filter((id) => getGuideDeclaration(id)!.draft);
      expect(drafts.length).toBeGreaterThan(0);
      for (const id of drafts) expect(catalog.map((g) => g.id)).not.toContain(id);
    }
  });

  it("groups guides and articles by topic, in topics.json order, each guide once and under its own topic", () => {
    const topics = listCatalogByTopic("ja");
    const order = Object.keys(getTopics());
    expect(topics.map((t) => order.indexOf(t.id))).toEqual([...topics.map((t) => order.indexOf(t.id))].sort((a, b) => a - b));
    const placed = topics.flatMap((t) => t.guides.map((g) => [g.id, t.id]));
    expect(placed).toEqual(listGuideIds().map((id) => [id, getGuideDeclaration(id)!.catalog.topic]));
    expect(topics.every((t) => t.guides.length + t.articles.length > 0)).toBe(true);
    expect(topics.find((t) => t.id === "certificate")?.articles.map((a) => a.slug)).toContain("certificate-revoke");
  });
});
