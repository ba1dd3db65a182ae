// What publishing a draft guide does to what exists already (issue 12): the walks (public step URLs)
// that stop existing, the steps removed, and for each lost walk the surviving URL it will redirect to
// (the longest prefix of it that is still a walk: part content's redirect does the same).
import { allWalks, replayWalk, type Guide } from "@/lib/guide-graph";

export type LostWalk = { choices: string[]; redirectTo: string[] };
export type GraphImpact = { removedSteps: string[]; addedSteps: string[]; lostWalks: LostWalk[]; totalWalks: number };

/** The longest prefix of a walk that the guide still has (at least the start page, []). */
export function nearestSurvivingWalk(guide: Guide, choices: readonly string[]): string[] {
  for (let n = choices.length; n > 0; n--) {
    if (replayWalk(guide, choices.slice(0, n))) return choices.slice(0, n);
  }
  return [];
}

export function graphImpact(live: Guide, draft: Guide): GraphImpact {
  const liveSteps = Object.keys(live.steps);
  const draftSteps = new Set(Object.keys(draft.steps));
  const walks = allWalks(live);
  return {
    removedSteps: liveSteps.filter((id) => !draftSteps.has(id)),
    addedSteps: [...draftSteps].filter((id) => !Object.hasOwn(live.steps, id)),
    lostWalks: walks
      .filter((walk) => !replayWalk(draft, walk.choices))
      .map((walk) => ({ choices: walk.choices, redirectTo: nearestSurvivingWalk(draft, walk.choices) })),
    totalWalks: walks.length,
  };
}
