// "Popular guides" on the home page: the public guides ordered by their step views over the last 30
// days (StepView, counted by the beacon, docs/decisions/0004). The home page is pre-rendered and must
// render while the database is down (and at build time, when there is none): then the catalog order
// stands, and the next re-render (at most 30 s later) ranks again.
import "server-only";
import type { CatalogGuide } from "@/lib/catalog";
import { countGuideViews, viewDay } from "@/lib/data/step-views";
import { log } from "@/lib/log";

export const POPULAR_DAYS = 30;
export const POPULAR_LIMIT = 5;

/** Most viewed first; equal counts (and guides nobody viewed) keep the order they came in. */
export function rankByViews<T extends { id: string }>(guides: readonly T[], views: Record<string, number>): T[] {
  const count = (id: string) => (Object.hasOwn(views, id) ? views[id] : 0);
  return guides
    .map((guide, index) => ({ guide, index }))
    .sort((a, b) => count(b.guide.id) - count(a.guide.id) || a.index - b.index)
    .map(({ guide }) => guide);
}

/** The first day (Japan calendar, as StepView stores it) of the window ending today. */
export function popularSince(now: Date): Date {
  const today = viewDay(now);
  return new Date(today.getTime() - (POPULAR_DAYS - 1) * 86_400_000);
}

let lastWarning = 0;

export type PopularGuides<T> = { guides: T[]; ranked: boolean };

/** The catalog's guides ranked by recent views; the catalog order when the counts cannot be read. */
export async function popularGuides<T extends CatalogGuide>(catalog: readonly T[], now = new Date(), limit = POPULAR_LIMIT): Promise<PopularGuides<T>> {
  try {
    const views = await countGuideViews(catalog.map((g) => g.id), popularSince(now));
    return { guides: rankByViews(catalog, views).slice(0, limit), ranked: true };
  } catch (error) {
    // At most once a minute: each re-render during an outage (and each page at build) would log it.
    if (Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "guide views unavailable: popular guides in catalog order");
    }
    return { guides: catalog.slice(0, limit), ranked: false };
  }
}
