// Open tickets (new, open, waiting) by status, by end step and by guide: the dashboard's counts as
// CSV, one row per (breakdown, value) (staff).
import { openTicketBreakdown } from "@/lib/data/dashboard";
import { reportCsvRoute } from "@/lib/reports/csv-route";
import { TICKET_STATUS } from "@/lib/ticket-fields";

export const dynamic = "force-dynamic";

export const GET = reportCsvRoute({
  name: "open-breakdown",
  header: ["区分", "値", "件数"],
  rows: async () => {
    const open = await openTicketBreakdown();
    return [
      ...open.byStatus.map((r) => ["状態", TICKET_STATUS.label(r.status, "ja"), r.count]),
      ...open.byEndStep.map((r) => ["終了ステップ", r.endStep ?? "(なし)", r.count]),
      ...open.byGuide.map((r) => ["ガイド", r.guideId ?? "(ガイドなし)", r.count]),
    ];
  },
});
