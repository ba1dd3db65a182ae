// The due time of a ticket with its state in colour AND words (issue 13): "期限間近", "期限超過",
// "一時停止". Colour alone would not reach everyone (WCAG 1.4.1).
import { formatDateTime } from "@/components/admin/format";
import { SLA_STATE_LABEL, type SlaState } from "@/lib/sla-state";

const STYLE: Record<SlaState, string> = {
  none: "",
  ok: "",
  paused: "bg-slate-100 text-slate-800 border-slate-400",
  soon: "bg-amber-100 text-amber-950 border-amber-500",
  breached: "bg-red-100 text-red-900 border-red-500 font-bold",
};

export function SlaBadge({ state }: { state: SlaState }) {
  if (state === "none" || state === "ok") return null;
  return (
    <span data-sla-state={state} className={`inline-block rounded border px-1.5 text-sm ${STYLE[state]}`}>
      {state === "breached" ? <span aria-hidden="true">⚠ </span> : null}
      {SLA_STATE_LABEL[state]}
    </span>
  );
}

/** The list's cell: the due time and its badge; "一時停止" alone while the clock stands still. */
export function SlaDue({ due, state }: { due: Date | null; state: SlaState }) {
  if (state === "none") return <span className="text-slate-700">—</span>;
  if (state === "paused") return <SlaBadge state={state} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <time dateTime={due!.toISOString()}>{formatDateTime(due)}</time>
      <SlaBadge state={state} />
    </span>
  );
}
