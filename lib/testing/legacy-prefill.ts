// FROZEN REFERENCE, tests only: lib/prefill.ts of issue 4, before pre-fill was built from the guide's
// declaration (issue 9); lib/guides/intake-schema.test.ts compares prefillFromWalkParam with it.
// From the walk a user took through a guide to the contact form's pre-filled values (issue 4).
// The server always recomputes this from the walk; nothing pre-filled is trusted from the client.
import { replayWalk, type Answers, type Guide } from "@/lib/guide-graph";

/** The fields the walk can pre-fill; `changedFields` on a ticket names those the user changed. */
export const PREFILLABLE = ["messageShown", "network", "factor", "stopsAt", "contactFormLogin", "tried"] as const;
export type Prefillable = (typeof PREFILLABLE)[number];

export type PrefillValues = {
  messageShown?: string;
  network?: string;
  factor?: string;
  stopsAt?: string;
  contactFormLogin?: string;
  tried: string[];
};

export type Prefill = {
  guideId: string;
  ticketPrefix: string;
  /** step ids from the start to the contact step */
  path: string[];
  /** choice ids taken */
  walk: string[];
  /** the step before the contact step: where the guide did not help */
  endStep: string;
  answers: Answers;
  /** the steps the user went through (the contact step aside), pre-checked as "already tried" */
  triedSteps: string[];
  values: PrefillValues;
};

/**
 * Replays `walkParam` ("a,b,c") on the guide. Null (the form then shows no pre-fill) when the walk
 * is not a real walk of the guide or does not end at its contact step.
 */
export function prefillFromWalk(guide: Guide, walkParam: string | null | undefined): Prefill | null {
  if (!walkParam) return null;
  const choices = walkParam.split(",").map((s) => s.trim()).filter(Boolean);
  if (!choices.length || choices.length > 50) return null;
  const walk = replayWalk(guide, choices);
  if (!walk || walk.steps[walk.steps.length - 1] !== guide.contactStep) return null;
  const a = walk.answers;
  const triedSteps = walk.steps.slice(0, -1);
  return {
    guideId: guide.id,
    ticketPrefix: guide.ticketPrefix,
    path: walk.steps,
    walk: walk.choices,
    endStep: triedSteps[triedSteps.length - 1],
    answers: a,
    triedSteps,
    values: {
      messageShown: a.message,
      network: a.network,
      factor: a.factor,
      stopsAt: a.stopsAt,
      contactFormLogin: a.contactFormLogin,
      tried: triedSteps,
    },
  };
}

/** Names of pre-filled fields whose submitted value differs from the pre-filled one. */
export function changedFields(prefill: PrefillValues, submitted: Record<Prefillable, string | string[] | undefined>): string[] {
  const changed: string[] = [];
  for (const field of PREFILLABLE) {
    const before = prefill[field];
    if (before === undefined) continue;
    const after = submitted[field];
    const same = Array.isArray(before)
      ? Array.isArray(after) && before.length === after.length && before.every((v) => after.includes(v))
      : before === after;
    if (!same) changed.push(field);
  }
  return changed;
}
