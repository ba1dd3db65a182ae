// The server half of the chooser: the matches for ?q= (what a browser without JavaScript sent, or a
// shared link) are in the first paint; the client half takes over while the user types.
import { listCatalog } from "@/lib/catalog";
import type { Locale } from "@/lib/i18n";
import { suggest, suggestionQuery } from "@/lib/suggest";
import { GuideChooser } from "./guide-chooser";

export async function ProblemChooser({ locale, query }: { locale: Locale; query: string | undefined }) {
  const q = suggestionQuery(query);
  const results = q ? await suggest(locale, q) : [];
  const guides = listCatalog(locale).map(({ id, title, href }) => ({ id, title, href }));
  return <GuideChooser key={q} locale={locale} initialQuery={q} initialResults={results} guides={guides} />;
}
