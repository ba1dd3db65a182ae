// Search is dynamic (it depends on the query) but reads only the in-process index (lib/search.ts),
// so it keeps working while the database is down. Each search is logged for the search report
// (docs/decisions/0031) and its result links count clicks on the way (/api/search/click).
import { MarkedText } from "@/components/help/marked-text";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SearchForm } from "@/components/help/search-form";
import { listCatalog } from "@/lib/catalog";
import { contactHref } from "@/lib/help-urls";
import { isLocale, type Locale } from "@/lib/i18n";
import { searchHelp } from "@/lib/search";
import { logHelpSearch } from "@/lib/insight/log-help-search";
import { searchClickHref } from "@/lib/insight/search-query";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[] }> };

const TEXT = {
  ja: {
    title: "検索",
    resultsFor: (q: string) => `「${q}」の検索結果`,
    count: (n: number) => `${n}件見つかりました。`,
    none: (q: string) => `「${q}」に一致するページは見つかりませんでした。`,
    noneHelp: "別の言葉で検索するか、次のページをお試しください。",
    guide: (title: string) => `ガイド「${title}」`,
    contact: "お問い合わせフォーム(ログイン不要)でヘルプデスクに連絡する",
    empty: "調べたい言葉を入力してください(例: 証明書、失効、ワンタイムパスワード)。",
    kind: { step: "ガイドの手順", guide: "ガイド", article: "記事" },
  },
  en: {
    title: "Search",
    resultsFor: (q: string) => `Results for "${q}"`,
    count: (n: number) => `${n} found.`,
    none: (q: string) => `Nothing matches "${q}".`,
    noneHelp: "Try other words, or one of these:",
    guide: (title: string) => `The guide "${title}"`,
    contact: "The contact form (no login needed): write to the help desk",
    empty: "Type what you are looking for (e.g. certificate, revoked, one-time password).",
    kind: { step: "Guide step", guide: "Guide", article: "Article" },
  },
} as const;

function queryOf(q: string | string[] | undefined): string {
  return (Array.isArray(q) ? q[0] : q ?? "").trim().slice(0, 200);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const q = queryOf((await searchParams).q);
  return { title: q ? TEXT[locale].resultsFor(q) : TEXT[locale].title, robots: { index: false } };
}

function NoResults({ locale, q }: { locale: Locale; q: string }) {
  const t = TEXT[locale];
  return (
    <div data-testid="no-results" className="space-y-3">
      <p className="font-bold">{t.none(q)}</p>
      <p>{t.noneHelp}</p>
      <ul className="grid gap-3">
        {listCatalog(locale).map((guide) => (
          <li key={guide.id}>
            <Link href={guide.href} className="flex min-h-11 items-center rounded-lg border-2 border-brand-600 px-4 py-2 font-semibold text-brand-800 no-underline">
              {t.guide(guide.title)}
            </Link>
          </li>
        ))}
        <li>
          <Link href={contactHref(locale)} className="flex min-h-11 items-center rounded-lg border-2 border-brand-600 px-4 py-2 font-semibold text-brand-800 no-underline">
            {t.contact}
          </Link>
        </li>
      </ul>
    </div>
  );
}

export default async function SearchPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = TEXT[locale];
  const q = queryOf((await searchParams).q);
  const hits = q ? await searchHelp(locale, q) : [];
  const searchId = q ? await logHelpSearch({ locale, rawQuery: q, resultCount: hits.length, source: "page" }) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{q ? t.resultsFor(q) : t.title}</h1>
      <SearchForm locale={locale} defaultValue={q} id="search-page-q" />
      {!q ? <p>{t.empty}</p> : hits.length === 0 ? <NoResults locale={locale} q={q} /> : (
        <>
          <p role="status">{t.count(hits.length)}</p>
          <ol className="space-y-4" data-testid="search-results">
            {hits.map((hit) => (
              <li key={hit.doc.href} className="rounded-lg border border-slate-300 p-4">
                <p className="text-sm text-slate-700">
                  {t.kind[hit.doc.kind]}
                  {hit.doc.guide ? ` · ${hit.doc.guide.title}` : ""}
                  {hit.doc.label ? ` · ${hit.doc.label}` : ""}
                </p>
                <h2 className="text-lg font-bold">
                  {/* A plain link: a prefetch of the click route would count a click nobody made. */}
                  <a href={searchId ? searchClickHref(searchId, hit.doc.href) : hit.doc.href} className="text-brand-700 underline underline-offset-2">
                    <MarkedText parts={hit.title} />
                  </a>
                </h2>
                <p className="mt-1 break-words text-slate-800">
                  <MarkedText parts={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
