// The ticket's service levels in the side panel (issue 13): each target, its due time and where it stands.
import { formatDateTime } from "@/components/admin/format";
import { SlaBadge } from "@/components/admin/sla-badge";
import { slaState, type SlaState } from "@/lib/sla-state";

type Props = {
  status: string;
  firstResponseTargetMinutes: number | null;
  resolutionTargetMinutes: number | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  slaPausedAt: Date | null;
  now: Date;
  warningMinutes: number;
};

function target(minutes: number | null): string {
  if (minutes === null) return "目標なし";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `営業時間で${h ? `${h}時間` : ""}${m ? `${m}分` : ""}`;
}

/** A target that was reached: met or late. One still running: paused, due soon, breached or fine. */
function state(due: Date | null, done: Date | null, waiting: boolean, p: Props): { state: SlaState; text?: string } {
  if (!due) return { state: "none" };
  if (done) return done.getTime() <= due.getTime() ? { state: "ok", text: "達成" } : { state: "breached" };
  return { state: slaState(due, waiting ? p.slaPausedAt : null, p.now, p.warningMinutes) };
}

export function SlaPanel(p: Props) {
  const waiting = p.status === "waiting";
  const closed = p.status === "resolved" || p.status === "closed";
  const rows = [
    { key: "first", label: "初回応答", minutes: p.firstResponseTargetMinutes, due: p.firstResponseDueAt, ...state(p.firstResponseDueAt, p.firstRespondedAt, waiting, p), doneAt: p.firstRespondedAt },
    { key: "resolution", label: "解決", minutes: p.resolutionTargetMinutes, due: p.resolutionDueAt, ...state(p.resolutionDueAt, closed ? p.resolvedAt ?? p.slaPausedAt : null, waiting, p), doneAt: closed ? p.resolvedAt : null },
  ];
  return (
    <section aria-labelledby="sla" className="rounded border border-slate-300 bg-white p-3" data-testid="sla-panel">
      <h2 id="sla" className="font-semibold">対応期限(SLA)</h2>
      {waiting && p.slaPausedAt ? (
        <p className="mt-1 text-sm" data-testid="sla-paused">
          <SlaBadge state="paused" /> 依頼者の回答待ちのため {formatDateTime(p.slaPausedAt)} から止まっています。
        </p>
      ) : null}
      <dl className="mt-2 space-y-2">
        {rows.map((r) => (
          <div key={r.key} data-testid={`sla-${r.key}`}>
            <dt className="font-medium">{r.label}</dt>
            <dd className="text-sm">
              <span className="block text-slate-700">{target(r.minutes)}</span>
              {r.due ? (
                <span className="flex flex-wrap items-center gap-1">
                  期限 <time dateTime={r.due.toISOString()}>{formatDateTime(r.due)}</time>
                  {r.text ? <span className="rounded border border-emerald-400 bg-emerald-50 px-1.5 text-emerald-900">{r.text}</span> : <SlaBadge state={r.state} />}
                </span>
              ) : null}
              {r.doneAt ? <span className="block text-slate-700">済 {formatDateTime(r.doneAt)}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
