// The deflection report as CSV (staff): one row per guide step, then the help center's totals.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { getGuideDeclaration, getStepTitle, listGuideIds } from "@/lib/content";
import { deflectionSummary, selfServiceScore, stepDeflection } from "@/lib/data/deflection";
import { csvResponse } from "@/lib/insight/csv-response";
import { parseReportDays, rate, reportWindow } from "@/lib/insight/window";

export const dynamic = "force-dynamic";

const ratio = (part: number, whole: number) => {
  const r = rate(part, whole);
  return r == null ? "" : r.toFixed(4);
};

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const window = reportWindow(parseReportDays(new URL(request.url).searchParams.get("days")));
  const [summary, guides] = await Promise.all([
    deflectionSummary(window),
    Promise.all(listGuideIds().map(async (guideId) => ({ guideId, rows: await stepDeflection(guideId, window) }))),
  ]);
  const rows: unknown[][] = [["期間", "ガイド", "ステップID", "ステップ", "対処の手順", "表示", "到達セッション", "解決した", "解決率", "24時間以内の問い合わせ", "問い合わせ率"]];
  const period = `${window.fromDay}..${window.toDay}`;
  for (const { guideId, rows: steps } of guides) {
    const title = getGuideDeclaration(guideId)?.catalog.title.ja ?? guideId;
    for (const r of steps) {
      rows.push([period, title, r.stepId, getStepTitle(guideId, r.stepId, "ja") ?? r.stepId, r.leaf ? "はい" : "いいえ", r.views, r.sessions, r.solved, ratio(r.solved, r.sessions), r.ticketed, ratio(r.ticketed, r.sessions)]);
    }
  }
  rows.push([]);
  rows.push(["期間", "ガイドを使ったセッション", "チケット", "セルフサービススコア", "問い合わせたセッション", "解決による自己解決", "潜在的な自己解決"]);
  const score = selfServiceScore(summary);
  rows.push([period, summary.sessions, summary.tickets, score == null ? "" : score.toFixed(2), summary.ticketedSessions, summary.solvedDeflection, summary.potentialDeflection]);
  return csvResponse("deflection", rows);
});
