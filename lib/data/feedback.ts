// "Did this solve it?" votes. No personal data: a vote is keyed by a hash of a random id kept in an
// httpOnly cookie for the browser session, so a second vote on the same step updates the first.
import "server-only";
import { db } from "@/lib/db";
import { hashHelpSession } from "@/lib/help-session";

/** The stored form of a session id: the help-center session's hash (lib/help-session.ts). */
export const hashFeedbackSession = hashHelpSession;

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

export type FeedbackState = "open" | "handled" | "all";

export type FeedbackComment = {
  id: string;
  guideId: string;
  stepId: string;
  locale: string;
  comment: string;
  createdAt: Date;
  handledAt: Date | null;
  handledBy: { name: string } | null;
};

/**
 * The "didn't work" comments (a "not solved" vote with a comment), newest first, for the staff's
 * feedback list; optionally one guide or one step. Comments are requester text: shown as text only.
 */
export async function listFeedbackComments(filter: { state: FeedbackState; guideId?: string; stepId?: string; limit?: number }): Promise<FeedbackComment[]> {
  return db().stepFeedback.findMany({
    where: {
      helpful: false,
      comment: { not: null },
      ...(filter.state === "open" ? { handledAt: null } : filter.state === "handled" ? { handledAt: { not: null } } : {}),
      ...(filter.guideId ? { guideId: filter.guideId } : {}),
      ...(filter.guideId && filter.stepId ? { stepId: filter.stepId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.limit ?? 200, 5000),
    select: { id: true, guideId: true, stepId: true, locale: true, comment: true, createdAt: true, handledAt: true, handledBy: { select: { name: true } } },
  }) as Promise<FeedbackComment[]>;
}

/** Open (not yet handled) comments per guide and step, for the list's summary. */
export async function countOpenFeedbackComments(): Promise<{ guideId: string; stepId: string; open: number }[]> {
  const rows = await db().stepFeedback.groupBy({
    by: ["guideId", "stepId"],
    where: { helpful: false, comment: { not: null }, handledAt: null },
    _count: { _all: true },
    orderBy: [{ _count: { id: "desc" } }],
  });
  return rows.map((r) => ({ guideId: r.guideId, stepId: r.stepId, open: r._count._all }));
}
