// The "didn't work" comments as CSV (staff), filtered like the list.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { getGuideDeclaration, getStepTitle } from "@/lib/content";
import { listFeedbackComments, type FeedbackState } from "@/lib/data/feedback";
import { csvResponse } from "@/lib/insight/csv-response";

export const dynamic = "force-dynamic";

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const params = new URL(request.url).searchParams;
  const stateParam = params.get("state");
  const state: FeedbackState = stateParam === "handled" || stateParam === "all" ? stateParam : "open";
  const guide = params.get("guide");
  const guideId = guide && ID.test(guide) && getGuideDeclaration(guide) ? guide : undefined;
  const step = params.get("step");
  const stepId = guideId && step && ID.test(step) ? step : undefined;
  const comments = await listFeedbackComments({ state, guideId, stepId, limit: 5000 });
  const rows: unknown[][] = [["日時", "ガイド", "ステップID", "ステップ", "言語", "コメント", "対応日時", "対応者"]];
  for (const c of comments) {
    rows.push([c.createdAt, getGuideDeclaration(c.guideId)?.catalog.title.ja ?? c.guideId, c.stepId, getStepTitle(c.guideId, c.stepId, "ja") ?? c.stepId, c.locale, c.comment, c.handledAt, c.handledBy?.name]);
  }
  return csvResponse("feedback", rows);
});
