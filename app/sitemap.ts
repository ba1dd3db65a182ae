import type { MetadataRoute } from "next";
import { listGuideIds, getGuide, listArticleSlugs } from "@/lib/content";
import { env } from "@/lib/env";
import { shortestWalks } from "@/lib/guide-graph";
import { articleHref, guideHref } from "@/lib/help-urls";
import { LOCALES, type Locale } from "@/lib/i18n";

// Built per request: the public base URL (APP_URL) is a run-time setting, not a build-time one.
export const dynamic = "force-dynamic";

export default function sitemap(): MetadataRoute.Sitemap {
  const base = env().APP_URL.replace(/\/$/, "");
  // A step has as many URLs as walks reaching it; the sitemap lists each step once, by its shortest walk.
  const pages: ((locale: Locale) => string)[] = [(locale) => `/${locale}`];
  for (const guideId of listGuideIds()) {
    for (const walk of shortestWalks(getGuide(guideId)!).values()) pages.push((locale) => guideHref(locale, guideId, walk));
  }
  for (const slug of listArticleSlugs()) pages.push((locale) => articleHref(locale, slug));
  return pages.flatMap((page) =>
    LOCALES.map((locale) => ({
      url: `${base}${page(locale)}`,
      alternates: { languages: Object.fromEntries(LOCALES.map((l) => [l, `${base}${page(l)}`])) },
    })),
  );
}
