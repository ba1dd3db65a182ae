// The server half of the chooser: the matches for ?q= (what a browser without JavaScript sent, or a
// shared link) are in the first paint; the client half takes over while the user types.
import { listCatalog } from "@/lib/catalog";
import type { Locale } from "@/lib/i18n";
import { suggest, suggestionQuery } from "@/lib/suggest";
import { logHelpSearch } from "@/lib/insight/log-help-search";
import { searchClickHref } from "@/lib/insight/search-query";
import { GuideChooser } from "./guide-chooser";

export async function ProblemChooser({ locale, query }: { locale: Locale; query: string | undefined }) {
  const q = suggestionQuery(query);
  const found = q ? await suggest(locale, q) : [];
  // Without JavaScript this page answers the search: it is logged here (docs/decisions/0031).
  const searchId = q ? await logHelpSearch({ locale, rawQuery: q, resultCount: found.length, source: "chooser" }) : null;
  const results = searchId ? found.map((r) => ({ ...r, clickHref: searchClickHref(searchId, r.href) })) : found;
  const guides = listCatalog(locale).map(({ id, title, href }) => ({ id, title, href }));
  return <GuideChooser key={q} locale={locale} initialQuery={q} initialResults={results} guides={guides} />;
}
