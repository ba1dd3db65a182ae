// Placeholders in canned replies and staff replies (issue 10 part D, docs/decisions/0021-reply-box.md).
//   {{name}} {{reference}}              the ticket's requester name and reference
//   {{status_link}}                     the requester's status page; only a hash of its token is stored,
//                                       so the stored reply keeps it literally and the reply mail fills
//                                       it with a link minted when the mail is written
//   {{guide:<guideId>/<stepId>}}        a guide step's URL (its shortest walk), in the ticket's language
//   {{article:<slug>}}                  an article's URL, in the ticket's language
import "server-only";
import { getArticleFrontmatter, getGuide } from "@/lib/content";
import { env } from "@/lib/env";
import { shortestWalks, stepOf } from "@/lib/guide-graph";
import { articleHref, guideHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SIMPLE = new Set(["name", "reference", "status_link"]);

export const PLACEHOLDER_HELP = ["{{name}}", "{{reference}}", "{{status_link}}", "{{guide:<ガイドID>/<ステップID>}}", "{{article:<記事のslug>}}"];

const origin = () => env().APP_URL.replace(/\/$/, "");

/** The absolute URL of a public guide step (reached by its shortest walk), or null. */
export function guideStepUrl(locale: Locale, guideId: string, stepId: string): string | null {
  const guide = getGuide(guideId);
  if (!guide || !stepOf(guide, stepId)) return null;
  const walk = shortestWalks(guide).get(stepId);
  return walk ? `${origin()}${guideHref(locale, guideId, walk)}` : null;
}

/** The absolute URL of an article that exists in that language, or null. */
export function articleUrl(locale: Locale, slug: string): string | null {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return null;
  return getArticleFrontmatter(slug, locale) ? `${origin()}${articleHref(locale, slug)}` : null;
}

function linkFor(inner: string, locale: Locale): string | null {
  const guide = /^guide:([a-z0-9-]+)\/([A-Za-z0-9_-]+)$/.exec(inner);
  if (guide) return guideStepUrl(locale, guide[1], guide[2]);
  const article = /^article:(.+)$/.exec(inner);
  if (article) return articleUrl(locale, article[1]);
  return null;
}

/**
 * The placeholders of a text that would not render, as written (e.g. "{{nmae}}", or a guide step or
 * article that does not exist in either language). Empty when every placeholder is known.
 */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    const inner = match[1];
    if (SIMPLE.has(inner)) continue;
    if ((["ja", "en"] as const).every((locale) => linkFor(inner, locale))) continue;
    unknown.add(match[0]);
  }
  return [...unknown];
}

export type PlaceholderContext = {
  locale: Locale;
  name: string;
  reference: string;
  /**
   * The status page link. undefined: {{status_link}} stays as written (the text is stored, the mail
   * fills it later); null: no link can be given, a sentence pointing to the confirmation mail; a URL: it.
   */
  statusLink?: string | null;
};

const NO_STATUS_LINK: Record<Locale, string> = {
  ja: "(受付時のメールにある「お問い合わせ状況」ページ)",
  en: "(the request status page linked in the confirmation mail)",
};

/** The text with every known placeholder filled; unknown ones are left as written. */
export function renderPlaceholders(text: string, { locale, name, reference, statusLink }: PlaceholderContext): string {
  return text.replace(TOKEN, (whole, inner: string) => {
    if (inner === "name") return name;
    if (inner === "reference") return reference;
    if (inner === "status_link") return statusLink === undefined ? "{{status_link}}" : (statusLink ?? NO_STATUS_LINK[locale]);
    return linkFor(inner, locale) ?? whole;
  });
}
