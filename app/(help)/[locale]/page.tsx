import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SearchForm } from "@/components/help/search-form";
import { listGuideIds, getGuideFrontmatter, getStepFrontmatter, getGuide, listArticlesByTopic } from "@/lib/content";
import { articleHref, contactHref, guideHref } from "@/lib/help-urls";
import { isLocale } from "@/lib/i18n";

// Pre-rendered; re-rendered at most every 30 s for the status banner in the layout.
export const revalidate = 30;
// Only /ja and /en. The proxy leaves paths ending in a file extension alone (/favicon.ico, /x.png),
// so they reach this route as a "locale"; rendered on demand, each was cached as a page of its own.
export const dynamicParams = false;

const TEXT = {
  ja: {
    title: "ITヘルプセンター",
    lead: "ログインできない、認証に失敗するなどの困りごとを、手順に沿って解決できます。",
    guides: "ガイド",
    start: "ガイドを始める",
    quick: "表示されたメッセージから始める:",
    articles: "トピック別の記事",
    contactTitle: "解決しない場合",
    contact: "ログイン不要のお問い合わせフォームから、ヘルプデスクに連絡できます。",
    contactLink: "お問い合わせフォームへ",
  },
  en: {
    title: "IT Help Center",
    lead: "Step-by-step help when you cannot log in or authentication fails.",
    guides: "Guides",
    start: "Start the guide",
    quick: "Start from the message you saw:",
    articles: "Articles by topic",
    contactTitle: "Still stuck?",
    contact: "Contact the help desk with a form that needs no login.",
    contactLink: "Go to the contact form",
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
  const guides = listGuideIds().map((id) => {
    const guide = getGuide(id)!;
    const start = getStepFrontmatter(id, locale, guide.start)!;
    return {
      id,
      fm: getGuideFrontmatter(id, locale)!,
      quick: guide.steps[guide.start].choices.map((c) => ({ id: c.id, label: start.choices[c.id], href: guideHref(locale, id, [c.id]) })),
    };
  });
  const topics = listArticlesByTopic(locale).filter((topic) => topic.articles.length);

  return (
    <div className="space-y-10">
      <section aria-labelledby="home-title" className="space-y-3">
        <h1 id="home-title" className="text-2xl font-bold">
          {t.title}
        </h1>
        <p>{t.lead}</p>
        <SearchForm locale={locale} id="home-search" />
      </section>

      <section aria-labelledby="guides" className="space-y-4">
        <h2 id="guides" className="text-xl font-bold">
          {t.guides}
        </h2>
        {guides.map((g) => (
          <div key={g.id} className="rounded-lg border-2 border-brand-600 p-4">
            <h3 className="text-lg font-bold">
              <Link href={guideHref(locale, g.id)} className="text-brand-800 underline underline-offset-2">
                {g.fm.title}
              </Link>
            </h3>
            <p className="mt-1">{g.fm.description}</p>
            <p className="mt-3 text-sm font-semibold">{t.quick}</p>
            <ul className="mt-2 grid gap-2">
              {g.quick.map((q) => (
                <li key={q.id}>
                  <Link
                    href={q.href}
                    className="flex min-h-11 items-center rounded-md bg-brand-50 px-3 py-2 text-brand-800 no-underline hover:bg-brand-100"
                  >
                    {q.label}
                  </Link>
                </li>
              ))}
            </ul>
            <Link
              href={guideHref(locale, g.id)}
              className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 font-bold text-white no-underline hover:bg-brand-800"
            >
              {t.start}
            </Link>
          </div>
        ))}
      </section>

      <section aria-labelledby="articles" className="space-y-4">
        <h2 id="articles" className="text-xl font-bold">
          {t.articles}
        </h2>
        <div className="grid gap-6 sm:grid-cols-2">
          {topics.map((topic) => (
            <div key={topic.id}>
              <h3 className="font-bold">{topic.label}</h3>
              <ul className="mt-1">
                {topic.articles.map((a) => (
                  <li key={a.slug}>
                    <Link href={articleHref(locale, a.slug)} className="inline-flex min-h-11 items-center py-1 text-brand-700 underline underline-offset-2">
                      {a.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
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
