import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Prose, mdxComponents } from "@/components/help/mdx-components";
import { PreviewBar } from "@/components/help/preview-bar";
import { getArticle, getTopics, listArticleSlugs } from "@/lib/content";
import { previewSnapshot } from "@/lib/content-live/preview";
import { articleHref, guideHref } from "@/lib/help-urls";
import { isLocale } from "@/lib/i18n";

// Pre-rendered; re-rendered at most every 30 s for the status banner in the layout, and at once after
// a publish (lib/content-live/sync.ts). An article published in the product gets its page on demand;
// an unknown or unpublished slug is a 404 answered by the proxy before rendering, never a cached page
// (issue 8, lib/content/public-path.ts).
export const revalidate = 30;
export const dynamicParams = true;

type Params = { locale: string; slug: string };

export function generateStaticParams() {
  return listArticleSlugs().map((slug) => ({ slug }));
}

const TEXT = {
  ja: { updated: "更新日", guide: "JAIST-SSOでログインに失敗する時は(ガイド)", back: "ヘルプセンターのトップへ" },
  en: { updated: "Updated", guide: "When login fails in JAIST-SSO (guide)", back: "Help center home" },
} as const;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const article = await getArticle(slug, locale, await previewSnapshot());
  return article ? { title: article.frontmatter.title, description: article.frontmatter.description } : {};
}

export default async function ArticlePage({ params }: { params: Promise<Params> }) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  // Draft mode and an editor's session: the drafts; otherwise (always, for the public) the live content.
  const snapshot = await previewSnapshot();
  const article = await getArticle(slug, locale, snapshot);
  if (!article) notFound();
  const t = TEXT[locale];
  const { frontmatter } = article;
  const { Content } = article.doc;
  const topics = getTopics(snapshot);
  const topic = Object.hasOwn(topics, frontmatter.topic) ? topics[frontmatter.topic][locale] : undefined;
  return (
    <article>
      {snapshot ? <PreviewBar path={articleHref(locale, slug)} /> : null}
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {topic ? <span>{topic}</span> : null}
      </p>
      <h1 className="text-2xl font-bold leading-snug">{frontmatter.title}</h1>
      <p className="mt-1 text-sm text-slate-700">
        {t.updated}: <time dateTime={frontmatter.updated}>{frontmatter.updated}</time>
      </p>
      <Prose>
        <Content components={mdxComponents(locale, { snapshot })} />
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
