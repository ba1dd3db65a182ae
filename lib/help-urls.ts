// URLs of the public help pages (docs/architecture.md): one place, so pages, search and the sitemap agree.
import type { Locale } from "@/lib/i18n";

export function guideHref(locale: Locale, guideId: string, walk: readonly string[] = []): string {
  return `/${locale}/guides/${guideId}${walk.map((id) => `/${encodeURIComponent(id)}`).join("")}`;
}

export function articleHref(locale: Locale, slug: string): string {
  return `/${locale}/articles/${slug}`;
}

export function searchHref(locale: Locale, query?: string): string {
  return `/${locale}/search${query ? `?q=${encodeURIComponent(query)}` : ""}`;
}

export function contactHref(locale: Locale, from?: { guideId: string; walk: readonly string[] }): string {
  if (!from) return `/${locale}/contact`;
  const params = new URLSearchParams({ guide: from.guideId, walk: from.walk.join(",") });
  // Commas are safe in a query string and keep the link readable.
  return `/${locale}/contact?${params.toString().replace(/%2C/g, ",")}`;
}

/**
 * The contact form for a problem no guide covers (the chooser's "none of these"). What the user typed
 * rides along as the description's pre-fill.
 */
export function genericContactHref(locale: Locale, description?: string): string {
  const params = new URLSearchParams({ guide: "none" });
  const text = description?.trim();
  if (text) params.set("description", text);
  return `/${locale}/contact?${params.toString()}`;
}

/** Leaves the draft preview and goes back to the live page (app/api/admin/content/preview/exit). */
export const DRAFT_PREVIEW_EXIT = "/api/admin/content/preview/exit";

/** Opens a public help page as a draft preview, for editors (app/api/admin/content/preview). */
export function previewHref(path: string): string {
  return `/api/admin/content/preview?to=${encodeURIComponent(path)}`;
}
