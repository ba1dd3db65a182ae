"use server";

// "Did this solve it?" (public: no staff guard; no personal data). The vote is keyed by the hashed
// help-center session (lib/help-session.ts): one vote per step and browser session, a second vote updates.
import { createHash } from "node:crypto";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/client-ip";
import { getGuide } from "@/lib/content";
import { recordStepFeedback } from "@/lib/data/feedback";
import { ensureHelpSessionHash } from "@/lib/help-session";
import { endStep, replayWalk, stepOf } from "@/lib/guide-graph";
import { guideHref } from "@/lib/help-urls";
import { requestLog } from "@/lib/log";
import { hit } from "@/lib/rate-limit";
import { FeedbackSchema } from "@/lib/validation/feedback";

export type FeedbackState = {
  status: "idle" | "thanks" | "error";
  error?: "too-long" | "control" | "invalid" | "unavailable" | "too-many";
  /** What the user typed, returned with an error so nothing is lost. */
  comment?: string;
};

// Dropping the cookie gives a fresh vote; this limit per client keeps that from stuffing the counts.
const LIMIT = [{ limit: 60, seconds: 600 }];

/**
 * "Yes" thanks the user. "Not solved" is one of the leaf's choices (`next`): the vote and the
 * optional comment are stored and the user goes on to that choice's step, so the way on is one
 * click. Only a typed comment that could not be stored holds the user here, with the text kept.
 */
export async function submitFeedback(_previous: FeedbackState, formData: FormData): Promise<FeedbackState> {
  const next = formData.get("next");
  const raw = {
    guideId: formData.get("guideId"),
    stepId: formData.get("stepId"),
    locale: formData.get("locale"),
    helpful: next ? "no" : formData.get("helpful"),
    comment: formData.get("comment") ?? undefined,
    walk: formData.get("walk") ?? undefined,
    next: next ?? undefined,
  };
  const typed = typeof raw.comment === "string" && raw.comment.trim() ? raw.comment : undefined;
  const parsed = FeedbackSchema.safeParse(raw);
  if (!parsed.success) {
    const comment = parsed.error.issues.find((i) => i.path[0] === "comment");
    return { status: "error", error: comment ? (comment.message === "control" ? "control" : "too-long") : "invalid", comment: typed };
  }
  const input = parsed.data;
  const guide = getGuide(input.guideId);
  const step = guide ? stepOf(guide, input.stepId) : undefined;
  if (!guide || !step) return { status: "error", error: "invalid", comment: typed };

  let wayOn: string | null = null;
  if (input.next) {
    // The walk must really end on this step and the choice be one of its own: the redirect target
    // is built from the graph, never taken from the form.
    const walk = replayWalk(guide, input.walk);
    if (!walk || endStep(walk) !== input.stepId || !step.choices.some((c) => c.id === input.next)) {
      return { status: "error", error: "invalid", comment: typed };
    }
    wayOn = guideHref(input.locale, guide.id, [...walk.choices, input.next]);
  }

  let failure: FeedbackState["error"];
  try {
    // The address is hashed: the feedback feature keeps no personal data, not even in the limiter.
    const client = createHash("sha256").update(await clientIp()).digest("hex").slice(0, 32);
    const allowed = await hit(`feedback:${client}`, LIMIT);
    if (!allowed.ok) failure = "too-many";
    else await recordStepFeedback({ guideId: input.guideId, stepId: input.stepId, locale: input.locale, helpful: input.helpful, comment: input.comment, sessionHash: await ensureHelpSessionHash() });
  } catch (error) {
    (await requestLog()).error({ err: error instanceof Error ? error.message : String(error) }, "step feedback not stored");
    failure = "unavailable";
  }
  // A lost vote must not stop someone who is stuck; a lost comment would lose what they typed.
  if (failure && (!wayOn || input.comment)) return { status: "error", error: failure, comment: typed };
  if (wayOn) redirect(wayOn);
  return { status: "thanks" };
}
