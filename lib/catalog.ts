// The help center's catalog (issue 9): the public guides as their catalog entries declare them
// (docs/decisions/0014), grouped by the topic a user would look under, with that topic's articles.
// Drafts are not public, so they are not here; getGuide already hides them.
import "server-only";
import { getGuide, getGuideFrontmatter, getTopics, listArticlesByTopic, listGuideIds } from "@/lib/content";
import { guideHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

export type CatalogGuide = {
  id: string;
  title: string;
  description: string;
  /** What a user sees and would say ("ログインできない"), in the catalog's order. */
  symptoms: string[];
  topic: string;
  href: string;
};

/** The public guides, in catalog order (guide id order: the order discovery gives). */
export function listCatalog(locale: Locale): CatalogGuide[] {
  return listGuideIds().map((id) => {
    const guide = getGuide(id)!;
    return {
      id,
      title: guide.catalog.title[locale],
      description: getGuideFrontmatter(id, locale)!.description,
      symptoms: guide.catalog.symptoms.map((s) => s[locale]),
      topic: guide.catalog.topic,
      href: guideHref(locale, id),
    };
  });
}

export type CatalogTopic = {
  id: string;
  label: string;
  guides: CatalogGuide[];
  articles: { slug: string; title: string; description: string }[];
};

/** Topics in the order of topics.json, each with its guides and articles; empty topics left out. */
export function listCatalogByTopic(locale: Locale): CatalogTopic[] {
  const guides = listCatalog(locale);
  const articles = new Map(listArticlesByTopic(locale).map((t) => [t.id, t.articles]));
  return Object.entries(getTopics())
    .map(([id, label]) => ({ id, label: label[locale], guides: guides.filter((g) => g.topic === id), articles: articles.get(id) ?? [] }))
    .filter((t) => t.guides.length || t.articles.length);
}
