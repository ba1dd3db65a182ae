// Old walk URLs (issue 12): a step removed in the product leaves links to it in bookmarks, mails and
// tickets. When a walk was valid in an earlier published version of the guide, it goes to the nearest
// surviving step: the longest prefix of the walk that is still valid. Anything else stays a 404
// (docs/decisions/0009-bad-input.md).
import { replayWalk, type Guide } from "@/lib/guide-graph";

/** The choices to redirect to, or null when the walk was never valid (or is valid now). */
export function redirectWalk(current: Guide, past: readonly Guide[], choices: readonly string[]): string[] | null {
  if (replayWalk(current, choices)) return null;
  if (!past.some((guide) => replayWalk(guide, choices))) return null;
  for (let n = choices.length - 1; n >= 0; n--) {
    if (replayWalk(current, choices.slice(0, n))) return choices.slice(0, n);
  }
  return [];
}
