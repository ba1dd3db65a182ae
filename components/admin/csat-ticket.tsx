// The requester's rating on the staff ticket page (docs/decisions/0030-csat.md). Rendered only after
// the page's own guard and ticket lookup; it reads the one CsatRating row of that ticket.
import { Time } from "@/components/admin/format";
import { CSAT_STAFF_LABEL } from "@/lib/csat/labels";
import { csatWindowEnds } from "@/lib/csat/window";
import { getCsatForTicket } from "@/lib/data/csat";

export async function CsatTicketBlock({ ticketId }: { ticketId: string }) {
  const csat = await getCsatForTicket(ticketId);
  if (!csat) return null;
  return (
    <section aria-labelledby="csat" className="rounded border border-slate-300 bg-white p-3" data-testid="csat-ticket">
      <h2 id="csat" className="font-semibold">顧客満足度</h2>
      {csat.rating ? (
        <>
          <p className="mt-1">
            <strong className={csat.rating === "bad" ? "text-red-800" : "text-emerald-800"} data-testid="csat-ticket-rating">{CSAT_STAFF_LABEL[csat.rating]}</strong>
            <span className="text-sm text-slate-700">(<Time value={csat.updatedAt} />)</span>
          </p>
          {csat.comment ? <p className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-2" data-testid="csat-ticket-comment">{csat.comment}</p> : null}
        </>
      ) : (
        <p className="mt-1 text-sm">まだ評価されていません(<Time value={csatWindowEnds(csat.resolvedAt)} /> まで受け付けます)。</p>
      )}
      <p className="mt-1 text-sm text-slate-700">解決時の担当者: {csat.agentName ?? "未割り当て"}</p>
    </section>
  );
}
