// One list of suggestions, rendered by the server (no JavaScript, or the first paint) and by the
// chooser while the user types: the same markup either way.
import { MarkedText } from "@/components/help/marked-text";
import type { Locale } from "@/lib/i18n";
import type { Suggestion } from "@/lib/suggest";

const KIND = {
  ja: { guide: "ガイド", step: "ガイドの手順", article: "記事" },
  en: { guide: "Guide", step: "Guide step", article: "Article" },
} as const;

export function SuggestionList({ locale, results }: { locale: Locale; results: Suggestion[] }) {
  return (
    <ul className="grid gap-3" data-testid="suggestions">
      {results.map((s) => (
        <li key={s.href} className="rounded-lg border border-slate-300 bg-white p-3">
          <p className="text-sm text-slate-700">
            {KIND[locale][s.kind]}
            {s.guide ? ` · ${s.guide}` : ""}
            {s.label ? ` · ${s.label}` : ""}
          </p>
          {/* A plain link: a prefetch of the click route would count a click nobody made. */}
          <a href={s.clickHref ?? s.href} className="inline-flex min-h-11 items-center font-bold text-brand-700 underline underline-offset-2">
            <span className="min-w-0 break-words">
              <MarkedText parts={s.title} />
            </span>
          </a>
          <p className="break-words text-sm text-slate-800">
            <MarkedText parts={s.snippet} />
          </p>
        </li>
      ))}
    </ul>
  );
}
