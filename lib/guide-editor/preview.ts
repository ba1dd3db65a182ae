// The draft of one guide shown with the live rest of the site: what the step page's preview renders
// with the public step components, and the step's URL in the draft (for the draft preview at its
// real address, part content's preview).
import "server-only";
import { createSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import { withDocument } from "@/lib/content-store/site";
import { loadLiveDocuments } from "@/lib/data/content";
import { shortestWalks } from "@/lib/guide-graph";
import type { GuideDocument } from "@/lib/content/documents";
import { guideHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

export async function draftGuideSnapshot(guideId: string, doc: GuideDocument): Promise<ContentSnapshot> {
  // Lenient: a half-done draft leaves its guide out (named in `problems`) instead of failing the page.
  return createSnapshot(withDocument(await loadLiveDocuments(), "guide", guideId, doc), { source: "preview", lenient: true });
}

/** The step's public URL in the draft graph (its shortest walk), or null when no walk reaches it. */
export function draftStepHref(doc: GuideDocument, locale: Locale, stepId: string): string | null {
  const walk = shortestWalks(doc.declaration).get(stepId);
  // Part content's preview route turns on draft mode and opens the public URL, which then renders drafts.
  return walk ? `/api/admin/content/preview?to=${encodeURIComponent(guideHref(locale, doc.declaration.id, walk))}` : null;
}
