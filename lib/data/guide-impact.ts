// What stored data refers to steps a publish would remove (the publish page's impact, issue 12):
// open tickets whose path went through them and the analytics counted on them. Counts only.
import "server-only";
import { db } from "@/lib/db";

export type StoredImpact = { openTickets: number; stepViewRows: number; views: number; feedbackRows: number };

export async function countStoredImpact(guideId: string, removedSteps: readonly string[]): Promise<StoredImpact> {
  if (!removedSteps.length) return { openTickets: 0, stepViewRows: 0, views: 0, feedbackRows: 0 };
  const steps = [...removedSteps];
  const [openTickets, viewAgg, feedbackRows] = await Promise.all([
    // "Open" is every status but closed: a resolved ticket can still be reopened by its requester.
    db().ticket.count({ where: { guideId, path: { hasSome: steps }, status: { not: "closed" } } }),
    db().stepView.aggregate({ where: { guideId, stepId: { in: steps } }, _count: { _all: true }, _sum: { views: true } }),
    db().stepFeedback.count({ where: { guideId, stepId: { in: steps } } }),
  ]);
  return { openTickets, stepViewRows: viewAgg._count._all, views: viewAgg._sum.views ?? 0, feedbackRows };
}
