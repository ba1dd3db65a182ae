// What the proxy decides about a public help path before anything renders (issue 12): the guide
// and article pages render on demand now (a step or article published in the product gets a page),
// so unknown walks and slugs are answered here, from the live snapshot, as 404 without rendering or
// caching anything per path (issue 8), and an old walk of a removed step is redirected.
import { readFileSync } from "node:fs";
import path from "node:path";
import { replayWalk } from "@/lib/guide-graph";
import { loadedLiveSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import { redirectWalk } from "@/lib/content/walk-redirect";

export type PathDecision = { action: "pass" } | { action: "not-found" } | { action: "redirect"; pathname: string };

const GUIDE = /^\/(ja|en)\/guides\/([^/]+)((?:\/[^/]+)*)\/?$/;
const ARTICLE = /^\/(ja|en)\/articles\/([^/]+)\/?$/;

export function decidePublicPath(pathname: string, snapshot: ContentSnapshot | undefined = loadedLiveSnapshot()): PathDecision {
  // Before the first load (or a process without the loader) the page decides with content/.
  if (!snapshot) return { action: "pass" };
  const article = ARTICLE.exec(pathname);
  if (article) return snapshot.articleSlugs.includes(article[2]) ? { action: "pass" } : { action: "not-found" };
  const guidePath = GUIDE.exec(pathname);
  if (!guidePath) return { action: "pass" };
  const [, locale, guideId, rest] = guidePath;
  const guide = snapshot.guides.get(guideId);
  if (!guide || guide.draft) return { action: "not-found" };
  const choices = rest.split("/").filter(Boolean);
  if (replayWalk(guide, choices)) return { action: "pass" };
  const to = redirectWalk(guide, snapshot.pastGraphs.get(guideId) ?? [], choices);
  if (!to) return { action: "not-found" };
  return { action: "redirect", pathname: `/${locale}/guides/${guideId}${to.map((c) => `/${c}`).join("")}` };
}

let previewModeId: string | null | undefined;

/**
 * Whether a draft-mode cookie is Next's real one (its value is the build's preview id): only then may a
 * request skip the checks above, since a page Next renders outside draft mode caches its answer, and a
 * forged cookie must not turn unknown paths back into cached pages (issue 8).
 */
export function isDraftModeCookie(value: string | undefined): boolean {
  if (!value) return false;
  if (previewModeId === undefined) {
    previewModeId = null;
    // The production build's manifest, or the development server's.
    for (const dir of [".next", ".next/dev"]) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(process.cwd(), dir, "prerender-manifest.json"), "utf8"));
        if (typeof manifest?.preview?.previewModeId === "string") {
          previewModeId = manifest.preview.previewModeId;
          break;
        }
      } catch {
        // not this one
      }
    }
  }
  return previewModeId !== null && value === previewModeId;
}
