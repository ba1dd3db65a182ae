import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SearchForm } from "@/components/help/search-form";
import { listCatalog, listCatalogByTopic } from "@/lib/catalog";
import { articleHref, contactHref } from "@/lib/help-urls";
import { isLocale } from "@/lib/i18n";
import { popularGuides } from "@/lib/popular-guides";

// Pre-rendered; re-rendered at most every 30 s for the status banner in the layout and the popular
// guides (docs/decisions/0004). Both reads tolerate a database that is down.
export const revalidate = 30;
// Only /ja and /en. The proxy leaves paths ending in a file extension alone (/favicon.ico, /x.png),
// so they reach this route as a "locale"; rendered on demand, each was cached as a page of its own.
export const dynamicParams = false;

const TEXT = {
  ja: {
    title: "ITヘルプセンター",
    lead: "困っていることを選ぶか、検索してください。手順に沿って解決できます。",
    symptoms: "どんなことでお困りですか?",
    articles: "関連する記事",
    popular: "よく使われているガイド",
    popularLead: "この30日間によく見られているガイドです。",
    catalogLead: "ヘルプセンターのガイドです。",
    contactTitle: "解決しない場合",
    contact: "ログイン不要のお問い合わせフォームから、ヘルプデスクに連絡できます。",
    contactLink: "お問い合わせへ",
  },
  en: {
    title: "IT Help Center",
    lead: "Pick what is wrong, or search. Step-by-step help will guide you.",
    symptoms: "What is the problem?",
    articles: "Articles",
    popular: "Popular guides",
    popularLead: "The guides people used most in the last 30 days.",
    catalogLead: "The help center's guides.",
    contactTitle: "Still stuck?",
    contact: "Contact the help desk with a form that needs no login.",
    contactLink: "Contact us",
  },
} as const;

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: { absolute: TEXT[locale].title }, description: TEXT[locale].lead };
}

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = TEXT[locale];
  const topics = listCatalogByTopic(locale);
  const popular = await popularGuides(listCatalog(locale));

  return (
    <div className="space-y-10">
      <section aria-labelledby="home-title" className="space-y-3">
        <h1 id="home-title" className="text-2xl font-bold">
          {t.title}
        </h1>
        <p>{t.lead}</p>
        <SearchForm locale={locale} id="home-search" />
      </section>

      <section aria-labelledby="symptoms" className="space-y-6" data-testid="symptoms">
        <h2 id="symptoms" className="text-xl font-bold">
          {t.symptoms}
        </h2>
        {topics.map((topic) => (
          <section key={topic.id} aria-labelledby={`topic-${topic.id}`} data-topic={topic.id} className="space-y-2">
            <h3 id={`topic-${topic.id}`} className="text-lg font-bold">
              {topic.label}
            </h3>
            {topic.guides.length > 0 && (
              <ul className="grid gap-2">
                {topic.guides.flatMap((guide) =>
                  guide.symptoms.map((symptom) => (
                    <li key={`${guide.id}:${symptom}`}>
                      <Link
                        href={guide.href}
                        data-guide={guide.id}
                        className="flex min-h-12 items-center justify-between gap-3 rounded-lg border-2 border-brand-600 bg-white px-4 py-2 font-semibold text-brand-800 no-underline hover:bg-brand-50 focus-visible:bg-brand-50"
                      >
                        <span className="min-w-0 break-words">{symptom}</span>
                        <span aria-hidden="true" className="shrink-0 text-xl">
                          →
                        </span>
                      </Link>
                    </li>
                  )),
                )}
              </ul>
            )}
            {topic.articles.length > 0 && (
              <ul aria-label={`${topic.label}: ${t.articles}`} className="grid gap-x-6 sm:grid-cols-2">
                {topic.articles.map((a) => (
                  <li key={a.slug}>
                    <Link href={articleHref(locale, a.slug)} className="inline-flex min-h-11 items-center py-1 text-brand-700 underline underline-offset-2">
                      {a.title}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </section>

      <section aria-labelledby="popular" className="space-y-3" data-testid="popular-guides" data-ranked={popular.ranked ? "views" : "catalog"}>
        <h2 id="popular" className="text-xl font-bold">
          {t.popular}
        </h2>
        {/* Without the counts (database down) the list is in catalog order and must not claim a ranking. */}
        <p className="text-sm text-slate-700">{popular.ranked ? t.popularLead : t.catalogLead}</p>
        <ol className="grid gap-3">
          {popular.guides.map((guide) => (
            <li key={guide.id} className="rounded-lg border border-slate-300 p-4">
              <Link href={guide.href} data-guide={guide.id} className="inline-flex min-h-11 items-center font-bold text-brand-700 underline underline-offset-2">
                {guide.title}
              </Link>
              <p className="text-slate-800">{guide.description}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="contact" className="rounded-lg bg-slate-100 p-4">
        <h2 id="contact" className="text-xl font-bold">
          {t.contactTitle}
        </h2>
        <p className="mt-1">{t.contact}</p>
        <Link href={contactHref(locale)} className="mt-3 inline-flex min-h-11 items-center font-bold text-brand-700 underline underline-offset-2">
          {t.contactLink}
        </Link>
      </section>
    </div>
  );
}
