// The three components content authors use in MDX (ArticleLink, ExternalLink, ContactLink) and the
// styling of plain Markdown. Built per page: links need the language and, for ContactLink, the walk.
import type { MDXComponents } from "mdx/types";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { getExternalLink, type ContentSnapshot } from "@/lib/content";
import { articleHref, contactHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

const link = "text-brand-700 underline underline-offset-2 hover:text-brand-800";

export function mdxComponents(
  locale: Locale,
  options: { contact?: { guideId: string; walk: readonly string[] }; shiftHeadings?: boolean; snapshot?: ContentSnapshot } = {},
): MDXComponents {
  const shift = options.shiftHeadings;
  return {
    ArticleLink: ({ slug, children }: { slug: string; children: ReactNode }) => (
      <Link className={link} href={articleHref(locale, slug)}>
        {children}
      </Link>
    ),
    ExternalLink: ({ id, children }: { id: string; children?: ReactNode }) => {
      const target = getExternalLink(id, locale, options.snapshot);
      const label = children ?? target?.label ?? id;
      // Staff fill in the addresses in content/links.json; until then the label is plain text.
      if (!target?.url) return <span>{label}</span>;
      return (
        <a className={link} href={target.url} rel="noopener noreferrer">
          {label}
        </a>
      );
    },
    ContactLink: ({ children }: { children: ReactNode }) => (
      <Link
        href={contactHref(locale, options.contact)}
        className="my-4 flex min-h-12 w-full items-center justify-center rounded-lg bg-brand-700 px-5 py-3 text-center text-lg font-bold text-white no-underline hover:bg-brand-800 sm:w-auto"
      >
        {children}
      </Link>
    ),
    a: (props: ComponentProps<"a">) => <a className={link} {...props} />,
    h2: (props: ComponentProps<"h2">) =>
      shift ? <h3 className="mt-6 mb-2 text-lg font-bold" {...props} /> : <h2 className="mt-8 mb-3 text-xl font-bold" {...props} />,
    h3: (props: ComponentProps<"h3">) =>
      shift ? <h4 className="mt-4 mb-2 font-bold" {...props} /> : <h3 className="mt-6 mb-2 text-lg font-bold" {...props} />,
    blockquote: (props: ComponentProps<"blockquote">) => (
      <blockquote className="my-4 rounded border-l-4 border-amber-500 bg-amber-50 px-4 py-1 text-slate-800" {...props} />
    ),
  };
}

/** Spacing and list styles for rendered Markdown. A link alone on a line is a bare <a>: a block. */
export function Prose({ children }: { children: ReactNode }) {
  return (
    <div className="break-words [&_li]:my-1 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-3 [&_strong]:font-bold [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&>a]:my-3 [&>a]:block [&_li>a]:my-2 [&_li>a]:block">
      {children}
    </div>
  );
}
