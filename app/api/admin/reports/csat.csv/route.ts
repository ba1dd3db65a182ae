// The CSAT report as CSV (UTF-8 with BOM, lib/csv.ts), for any staff member like its page:
// `?from=&to=` as on the page; `part=comments` gives the comments instead of the counts.
import { guardApi } from "@/lib/auth/guards";
import { getGuideDeclaration, getStepTitle } from "@/lib/content";
import { CSAT_STAFF_LABEL } from "@/lib/csat/labels";
import { csatRates } from "@/lib/csat/rates";
import type { CsatCounts } from "@/lib/csat/window";
import { BOM, csvRow } from "@/lib/csv";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { csatReport, listCsatComments } from "@/lib/data/csat";
import { parseReportPeriod } from "@/lib/validation/csat";

export const dynamic = "force-dynamic";

const guideTitle = (id: string | null) => (id ? (getGuideDeclaration(id)?.catalog.title.ja ?? id) : "ガイドなし(汎用フォーム)");
const stepTitle = (guideId: string | null, stepId: string | null) => (stepId && guideId ? (getStepTitle(guideId, stepId, "ja") ?? stepId) : (stepId ?? ""));
const cells = (c: CsatCounts) => {
  const r = csatRates(c);
  return [c.resolved, c.rated, c.good, c.bad, r.goodPercent, r.responsePercent];
};

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const params = new URL(request.url).searchParams;
  const period = parseReportPeriod({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  // A period the page would refuse is refused here too, rather than silently exporting another one.
  if (period.error) return new Response(`${period.error}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const range = { from: period.start, to: period.end };
  let body = BOM;
  let name: string;
  if (params.get("part") === "comments") {
    name = "csat-comments";
    body += csvRow(["受付番号", "評価", "コメント", "評価日時", "解決日時", "ガイド", "終了ステップ", "担当者"]);
    for (const c of await listCsatComments(range, undefined)) {
      body += csvRow([c.reference, c.rating ? CSAT_STAFF_LABEL[c.rating] : "", c.comment, c.updatedAt, c.resolvedAt, guideTitle(c.guideId), stepTitle(c.guideId, c.endStep), c.agentName ?? ""]);
    }
  } else {
    name = "csat";
    const report = await csatReport(range);
    body += csvRow(["区分", "ガイド", "終了ステップ", "担当者", "解決", "評価", "満足", "不満", "満足率(%)", "回答率(%)"]);
    body += csvRow(["全体", "", "", "", ...cells(report.total)]);
    for (const r of report.byGuide) body += csvRow(["ガイド別", guideTitle(r.guideId), "", "", ...cells(r)]);
    for (const r of report.byEndStep) body += csvRow(["終了ステップ別", guideTitle(r.guideId), stepTitle(r.guideId, r.endStep), "", ...cells(r)]);
    for (const r of report.byAgent) body += csvRow(["担当者別", "", "", r.agentName ?? (r.agentId ? "(削除されたスタッフ)" : "未割り当て"), ...cells(r)]);
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${period.from}-${period.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
