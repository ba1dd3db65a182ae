// An article as the public reads it: its topic, title, date and body. Shared by the public article
// page and the editor's in-page preview of a draft (issue 12), so the preview is the page.
import type { MDXContent } from "mdx/types";
import { Prose, mdxComponents } from "@/components/help/mdx-components";
import type { ArticleFrontmatter, ContentSnapshot } from "@/lib/content";
import type { Locale } from "@/lib/i18n";

const TEXT = { ja: { updated: "更新日" }, en: { updated: "Updated" } } as const;

export function ArticleView({
  locale,
  frontmatter,
  Content,
  topic,
  snapshot,
}: {
  locale: Locale;
  frontmatter: ArticleFrontmatter;
  Content: MDXContent;
  topic?: string;
  /** The snapshot its links resolve in (a preview's draft one); default the live content. */
  snapshot?: ContentSnapshot;
}) {
  return (
    <>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">{topic ? <span>{topic}</span> : null}</p>
      <h1 className="text-2xl font-bold leading-snug">{frontmatter.title}</h1>
      <p className="mt-1 text-sm text-slate-700">
        {TEXT[locale].updated}: <time dateTime={frontmatter.updated}>{frontmatter.updated}</time>
      </p>
      <Prose>
        <Content components={mdxComponents(locale, { snapshot })} />
      </Prose>
    </>
  );
}
