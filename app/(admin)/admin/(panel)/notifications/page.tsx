import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge, Time } from "@/components/admin/format";
import { requireStaff } from "@/lib/auth/guards";
import { listNotifications, NOTIFICATION_PAGE_SIZE } from "@/lib/data/notifications";
import { NOTIFICATION_LABELS } from "@/lib/notifications/kinds";
import { markAllReadAction, markReadAction } from "./actions";

export const metadata: Metadata = { title: "通知" };

const button = "inline-flex min-h-11 items-center rounded border border-slate-400 bg-white px-3 text-sm hover:bg-slate-100";

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/admin/notifications");
  const { error } = await searchParams;
  const rows = await listNotifications(user);
  const unread = rows.filter((r) => !r.readAt).length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">通知</h1>
        <div className="flex flex-wrap items-center gap-2">
          <Link href="/admin/settings/notifications" className="inline-flex min-h-11 items-center underline">通知の設定</Link>
          {unread ? (
            <form action={markAllReadAction}>
              <button type="submit" className={button}>すべて既読にする</button>
            </form>
          ) : null}
        </div>
      </div>
      {error === "not-found" ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">その通知は見つかりません。</p>
      ) : null}
      {rows.length === 0 ? (
        <p>通知はありません。</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" aria-label="通知の一覧">
          {rows.map((n) => (
            <li key={n.id} data-notification data-kind={n.kind} data-read={n.readAt ? "true" : "false"} className={`flex flex-wrap items-start justify-between gap-2 p-3 ${n.readAt ? "" : "bg-sky-50"}`}>
              <div className="min-w-0 flex-1">
                <p className="text-sm">
                  {n.readAt ? null : <strong className="mr-2 rounded bg-sky-800 px-1.5 text-white">未読</strong>}
                  {NOTIFICATION_LABELS[n.kind].item} · <Time value={n.createdAt} />
                </p>
                <p className="mt-1 break-words">
                  <Link href={`/admin/tickets/${n.ticket.reference}`} className="font-semibold underline">
                    {n.ticket.reference}
                  </Link>{" "}
                  <StatusBadge status={n.ticket.status} /> {n.ticket.name}
                </p>
                <p className="mt-1 line-clamp-2 break-words text-sm text-slate-700">{n.ticket.description}</p>
              </div>
              {n.readAt ? null : (
                <form action={markReadAction}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className={button} aria-label={`${n.ticket.reference} の通知を既読にする`}>既読にする</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {rows.length === NOTIFICATION_PAGE_SIZE ? <p className="text-sm">新しい順に {NOTIFICATION_PAGE_SIZE} 件を表示しています。</p> : null}
    </div>
  );
}
