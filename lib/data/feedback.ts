// "Did this solve it?" votes. No personal data: a vote is keyed by a hash of a random id kept in an
// httpOnly cookie for the browser session, so a second vote on the same step updates the first.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";

/** The stored form of a session id: keyed with the app secret, so the table alone reveals nothing. */
export function hashFeedbackSession(sessionId: string): string {
  return createHash("sha256").update(`${authSecret()}:step-feedback:${sessionId}`).digest("hex");
}

export type StepVote = {
  guideId: string;
  stepId: string;
  locale: string;
  helpful: boolean;
  /** undefined keeps a comment already given with a "no"; a "yes" clears it. */
  comment?: string;
  sessionHash: string;
};

export async function recordStepFeedback(vote: StepVote) {
  const comment = vote.helpful ? null : vote.comment;
  return db().stepFeedback.upsert({
    where: { guideId_stepId_sessionHash: { guideId: vote.guideId, stepId: vote.stepId, sessionHash: vote.sessionHash } },
    create: { ...vote, comment: comment ?? null },
    update: { helpful: vote.helpful, locale: vote.locale, ...(comment === undefined ? {} : { comment }) },
    select: { id: true, helpful: true, comment: true },
  });
}

/** Yes and no counts per step of a guide (for the staff dashboard and the tests). */
export async function countStepFeedback(guideId: string): Promise<Record<string, { yes: number; no: number }>> {
  const rows = await db().stepFeedback.groupBy({ by: ["stepId", "helpful"], where: { guideId }, _count: { _all: true } });
  // A Map, not an object: a stored step id of "__proto__" would otherwise write onto Object.prototype.
  const counts = new Map<string, { yes: number; no: number }>();
  for (const row of rows) {
    const count = counts.get(row.stepId) ?? { yes: 0, no: 0 };
    count[row.helpful ? "yes" : "no"] = row._count._all;
    counts.set(row.stepId, count);
  }
  return Object.fromEntries(counts);
}
