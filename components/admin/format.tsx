// Small shared pieces of the staff UI: dates in Japan time, status and priority badges.
import { JST_TIME_ZONE } from "@/lib/jst";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";

const dateTime = new Intl.DateTimeFormat("ja-JP", {
  timeZone: JST_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDateTime(d: Date | string | null | undefined): string {
  return d ? dateTime.format(new Date(d)) : "—";
}

export function Time({ value }: { value: Date | string }) {
  const d = new Date(value);
  return <time dateTime={d.toISOString()}>{formatDateTime(d)}</time>;
}

export function formatDuration(seconds: number | null): string {
  if (seconds == null) return "—";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}分`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)}時間`;
  return `${(hours / 24).toFixed(1)}日`;
}

const STATUS_STYLE: Record<string, string> = {
  new: "bg-sky-100 text-sky-900 border-sky-300",
  open: "bg-amber-100 text-amber-900 border-amber-300",
  waiting: "bg-violet-100 text-violet-900 border-violet-300",
  resolved: "bg-emerald-100 text-emerald-900 border-emerald-300",
  closed: "bg-slate-200 text-slate-800 border-slate-300",
};
const PRIORITY_STYLE: Record<string, string> = {
  low: "bg-white text-slate-700 border-slate-300",
  normal: "bg-white text-slate-800 border-slate-400",
  high: "bg-orange-100 text-orange-900 border-orange-300",
  urgent: "bg-red-100 text-red-900 border-red-400 font-bold",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded border px-2 text-sm ${STATUS_STYLE[status] ?? ""}`}>{TICKET_STATUS.label(status, "ja")}</span>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <span className={`inline-block rounded border px-2 text-sm ${PRIORITY_STYLE[priority] ?? ""}`}>
      優先度: {TICKET_PRIORITY.label(priority, "ja")}
    </span>
  );
}

export const inputClass = "mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2";
export const buttonClass = "inline-flex min-h-11 items-center justify-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800";
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center justify-center rounded border border-slate-400 bg-white px-4 text-slate-900 hover:bg-slate-100";
