// Draft preview (issue 12): with Next's draft mode on (set by /api/admin/content/preview for an
// editor), the guide and article pages render every item's latest version instead of the live one,
// but only when the session is still an editor's; anyone else gets the live content as usual.
import "server-only";
import { draftMode } from "next/headers";
import { cache } from "react";
import { currentEditor } from "@/lib/auth/guards";
import { createSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import { loadHeadDocuments } from "@/lib/data/content";
import { log } from "@/lib/log";

/** The draft snapshot for this request, or undefined (render live). Once per request. */
export const previewSnapshot = cache(async (): Promise<ContentSnapshot | undefined> => {
  // Checked first: reading the session marks a page dynamic, which only a draft-mode request may be.
  if (!(await draftMode()).isEnabled) return undefined;
  if (!(await currentEditor())) return undefined;
  try {
    // Lenient: a half-done guide is left out of the preview instead of failing every page.
    return createSnapshot(await loadHeadDocuments(), { source: "preview", lenient: true });
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "content: preview unavailable; rendering live content");
    return undefined;
  }
});

/** Paths the preview may lead to: a help page of this site, never another origin. */
export function safePreviewPath(to: string | null): string | null {
  if (!to || !/^\/(ja|en)(\/[A-Za-z0-9\-_/]*)?$/.test(to) || to.includes("//")) return null;
  return to;
}
