// Where each outside link is used (issue 12): the <ExternalLink id="…"> references in every guide
// step and article, read from the documents' text. A reference is a tag in the MDX source; the
// MDX safety check (lib/content/validate.ts) refuses expressions, so the id is always a literal.
export type LinkUse =
  | { kind: "guide"; key: string; name: string; locale: "ja" | "en" }
  | { kind: "article"; key: string; locale: "ja" | "en" };

const TAG = /<ExternalLink\b[^>]*?\bid\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The link ids one MDX source refers to, each once, in order of first use. */
export function externalLinkIds(source: string): string[] {
  const ids = new Set<string>();
  for (const match of source.matchAll(TAG)) ids.add(match[1] ?? match[2]);
  return [...ids];
}

type Docs = {
  guide: Record<string, { texts: { ja: Record<string, string>; en: Record<string, string> } }>;
  article: Record<string, { texts: { ja: string; en: string } }>;
};

/** link id -> every guide text (step or index) and article that refers to it, per language. */
export function linkUsage(docs: Docs): Map<string, LinkUse[]> {
  const uses = new Map<string, LinkUse[]>();
  const add = (id: string, use: LinkUse) => uses.set(id, [...(uses.get(id) ?? []), use]);
  for (const [key, guide] of Object.entries(docs.guide).sort(([a], [b]) => a.localeCompare(b))) {
    for (const locale of ["ja", "en"] as const) {
      for (const [name, source] of Object.entries(guide.texts[locale])) {
        for (const id of externalLinkIds(source)) add(id, { kind: "guide", key, name, locale });
      }
    }
  }
  for (const [key, article] of Object.entries(docs.article).sort(([a], [b]) => a.localeCompare(b))) {
    for (const locale of ["ja", "en"] as const) {
      for (const id of externalLinkIds(article.texts[locale])) add(id, { kind: "article", key, locale });
    }
  }
  return uses;
}

const ARTICLE_TAG = /<ArticleLink\b[^>]*?\bslug\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Where a live document links to an article: "guide jaist-sso step1 (ja)", "article x (en)". */
export function articleReferences(docs: Docs, slug: string): string[] {
  const found: string[] = [];
  const refers = (source: string) => [...source.matchAll(ARTICLE_TAG)].some((m) => (m[1] ?? m[2]) === slug);
  for (const [key, guide] of Object.entries(docs.guide)) {
    for (const locale of ["ja", "en"] as const) {
      for (const [name, source] of Object.entries(guide.texts[locale])) if (refers(source)) found.push(`ガイド ${key} ${name} (${locale})`);
    }
  }
  for (const [key, article] of Object.entries(docs.article)) {
    if (key === slug) continue;
    for (const locale of ["ja", "en"] as const) if (refers(article.texts[locale])) found.push(`記事 ${key} (${locale})`);
  }
  return found;
}
