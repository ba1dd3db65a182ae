// Suggestions for "what is the problem?" before the contact form (issue 9: ticket deflection): the
// guides, guide steps and articles that match what the user typed, from the search index
// (lib/search.ts), shaped for the chooser and its JSON route.
import type { Locale } from "@/lib/i18n";
import { searchHelp, type MarkedText } from "@/lib/search";

export const SUGGEST_LIMIT = 6;
export const SUGGEST_MAX_QUERY = 200;

export type Suggestion = {
  kind: "guide" | "step" | "article";
  href: string;
  title: MarkedText;
  /** The guide a step belongs to. */
  guide?: string;
  /** A short label such as STEP2-3. */
  label?: string;
  snippet: MarkedText;
  /** The link to follow: through the click route when the search was logged (docs/decisions/0031). */
  clickHref?: string;
};

/** The query as searched: trimmed and cut to the search box's length. */
export function suggestionQuery(raw: string | null | undefined): string {
  return (raw ?? "").trim().slice(0, SUGGEST_MAX_QUERY);
}

export async function suggest(locale: Locale, rawQuery: string | null | undefined, limit = SUGGEST_LIMIT): Promise<Suggestion[]> {
  const query = suggestionQuery(rawQuery);
  if (!query) return [];
  const hits = await searchHelp(locale, query, limit);
  return hits.map(({ doc, title, snippet }) => ({
    kind: doc.kind,
    href: doc.href,
    title,
    ...(doc.guide ? { guide: doc.guide.title } : {}),
    ...(doc.label ? { label: doc.label } : {}),
    snippet,
  }));
}
