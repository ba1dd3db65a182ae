"use client";
// "What is the problem?" before the contact form (issue 9: deflect a ticket when a guide already
// answers it). A GET form: without JavaScript it reloads the page with ?q= and the server lists the
// matches; with JavaScript the matches follow the typing (GET /api/v1/suggest, debounced). Either way
// "none of these" leads to the generic form with what was typed.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { genericContactHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";
import type { Suggestion } from "@/lib/suggest";
import { CHOOSER_TEXT } from "./chooser-text";
import { SuggestionList } from "./suggestion-list";

/** Long enough to skip most keystrokes of a fast typist, short enough to feel live. */
const DEBOUNCE_MS = 250;

type Props = {
  locale: Locale;
  initialQuery: string;
  initialResults: Suggestion[];
  guides: { id: string; title: string; href: string }[];
};

type Shown = { query: string; results: Suggestion[] };

export function GuideChooser({ locale, initialQuery, initialResults, guides }: Props) {
  const t = CHOOSER_TEXT[locale];
  const [query, setQuery] = useState(initialQuery);
  const [shown, setShown] = useState<Shown | null>(initialQuery ? { query: initialQuery, results: initialResults } : null);
  const [failed, setFailed] = useState(false);
  const fetched = useRef(initialQuery);

  useEffect(() => {
    const q = query.trim();
    if (!q || q === fetched.current) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/suggest?${new URLSearchParams({ q, locale })}`, { signal: controller.signal });
        if (!response.ok) throw new Error(`suggest answered ${response.status}`);
        const body = (await response.json()) as { results: Suggestion[] };
        fetched.current = q;
        setShown({ query: q, results: body.results });
        setFailed(false);
      } catch {
        // An abort is the next keystroke taking over; anything else leaves the last list and says so.
        if (!controller.signal.aborted) setFailed(true);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, locale]);

  const typed = query.trim();
  const current = typed ? shown : null;

  return (
    <div className="space-y-6">
      {/* data-page-search: this box is the page's search, so the header's hides (globals.css). */}
      <form method="get" action={`/${locale}/contact`} className="space-y-2" data-page-search="">
        <label htmlFor="problem" className="block text-lg font-bold">
          {t.label}
        </label>
        <p id="problem-help" className="text-sm text-slate-700">
          {t.help}
        </p>
        <div className="flex gap-2">
          <input
            id="problem"
            name="q"
            type="text"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="problem-help"
            className="min-h-11 min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 text-lg text-slate-900"
          />
          <button type="submit" className="min-h-11 shrink-0 rounded-md bg-brand-700 px-4 font-bold text-white hover:bg-brand-800">
            {t.submit}
          </button>
        </div>
      </form>

      <section className="space-y-3">
        <div aria-live="polite" className="space-y-1">
          {current && <p role="status">{current.results.length ? t.found(current.results.length) : t.none}</p>}
          {failed && typed && <p className="text-amber-900">{t.failed}</p>}
        </div>
        {current && current.results.length > 0 ? (
          <SuggestionList locale={locale} results={current.results} />
        ) : (
          <>
            <h2 className="font-bold">{t.guides}</h2>
            <ul className="grid gap-2" data-testid="chooser-guides">
              {guides.map((g) => (
                <li key={g.id}>
                  <Link href={g.href} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">
                    {g.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="write-to-us" className="rounded-lg bg-slate-100 p-4">
        <h2 id="write-to-us" className="font-bold">
          {t.writeTitle}
        </h2>
        <Link
          href={genericContactHref(locale, typed)}
          data-testid="write-to-us"
          className="mt-2 inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 font-bold text-white no-underline hover:bg-brand-800"
        >
          {t.write}
        </Link>
      </section>
    </div>
  );
}
