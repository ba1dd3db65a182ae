// The SLA report as CSV (issue 13): the page's three tables in one file, one row per week, guide and
// priority, UTF-8 with BOM like the ticket export. Staff (agents and admins).
import { guardApi } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { BOM, csvRow } from "@/lib/csv";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { getSlaReport, type SlaReportRow } from "@/lib/data/sla-report";
import { jstDay } from "@/lib/jst";
import { guideLabel, priorityLabel } from "@/lib/sla-report-labels";

export const dynamic = "force-dynamic";

const HEADER = ["区分", "項目", "初回応答 対象", "初回応答 達成", "初回応答 超過", "初回応答 達成率(%)", "解決 対象", "解決 達成", "解決 超過", "解決 達成率(%)"];

const cells = (kind: string, label: string, r: SlaReportRow) => [
  kind, label,
  r.firstResponse.targets, r.firstResponse.met, r.firstResponse.breached, r.firstResponse.percent ?? "",
  r.resolution.targets, r.resolution.met, r.resolution.breached, r.resolution.percent ?? "",
];

export const GET = withDatabaseOutage(async function GET() {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const at = now();
  const report = await getSlaReport(at);
  const body =
    BOM +
    csvRow(HEADER) +
    report.weeks.map((r) => csvRow(cells("週", r.key, r))).join("") +
    report.guides.map((r) => csvRow(cells("ガイド", guideLabel(r.key), r))).join("") +
    report.priorities.map((r) => csvRow(cells("優先度", priorityLabel(r.key), r))).join("") +
    csvRow(cells("全体", "", report.total));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sla-${jstDay(at)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
