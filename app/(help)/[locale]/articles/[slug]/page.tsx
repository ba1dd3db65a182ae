import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Prose, mdxComponents } from "@/components/help/mdx-components";
import { getArticle, getTopics, listArticleSlugs } from "@/lib/content";
import { guideHref } from "@/lib/help-urls";
import { isLocale } from "@/lib/i18n";

// Pre-rendered; re-rendered at most every 30 s for the status banner in the layout.
export const revalidate = 30;
// Only the articles in content/ exist: an unknown slug is a 404 before rendering, never a cached page
// (issue 8; see the guide page).
export const dynamicParams = false;

type Params = { locale: string; slug: string };

export function generateStaticParams() {
  return listArticleSlugs().map((slug) => ({ slug }));
}

const TEXT = {
  ja: { draft: "下書き:ヘルプデスクの確認前", updated: "更新日", guide: "JAIST-SSOでログインに失敗する時は(ガイド)", back: "ヘルプセンターのトップへ" },
  en: { draft: "Draft: not yet reviewed by the help desk", updated: "Updated", guide: "When login fails in JAIST-SSO (guide)", back: "Help center home" },
} as const;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const article = await getArticle(slug, locale);
  return article ? { title: article.frontmatter.title, description: article.frontmatter.description } : {};
}

export default async function ArticlePage({ params }: { params: Promise<Params> }) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  const article = await getArticle(slug, locale);
  if (!article) notFound();
  const t = TEXT[locale];
  const { frontmatter } = article;
  const { Content } = article.doc;
  const topics = getTopics();
  const topic = Object.hasOwn(topics, frontmatter.topic) ? topics[frontmatter.topic][locale] : undefined;
  return (
    <article>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {topic ? <span>{topic}</span> : null}
        {frontmatter.draft ? (
          <span data-testid="draft-badge" className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950">
            {t.draft}
          </span>
        ) : null}
      </p>
      <h1 className="text-2xl font-bold leading-snug">{frontmatter.title}</h1>
      <p className="mt-1 text-sm text-slate-700">
        {t.updated}: <time dateTime={frontmatter.updated}>{frontmatter.updated}</time>
      </p>
      <Prose>
        <Content components={mdxComponents(locale)} />
      </Prose>
      <ul className="mt-8 grid gap-1 border-t border-slate-200 pt-4">
        <li>
          <Link href={guideHref(locale, "jaist-sso")} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
            {t.guide}
          </Link>
        </li>
        <li>
          <Link href={`/${locale}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
            {t.back}
          </Link>
        </li>
      </ul>
    </article>
  );
}
