import Link from "next/link";
import type { StaffSessionUser } from "@/lib/auth/guards";
import { STAFF_ROLE_LABELS } from "@/lib/validation/staff";

const T = {
  skip: "本文へ移動",
  brand: "Tebiki 管理",
  nav: "管理メニュー",
  dashboard: "ダッシュボード",
  tickets: "チケット",
  reports: "レポート",
  content: "コンテンツ",
  status: "稼働状況",
  staff: "スタッフ",
  canned: "定型文",
  notifications: "通知",
  unread: (n: number) => `未読 ${n}件`,
  mail: "受信メール",
  held: (n: number) => `保留 ${n}件`,
  settings: "設定",
  logout: "ログアウト",
  roles: STAFF_ROLE_LABELS,
};

export function AdminHeader({ user, csrfToken, unreadCount = 0, heldMailCount = 0 }: { user: StaffSessionUser; csrfToken: string | null; unreadCount?: number; heldMailCount?: number }) {
  const link = "inline-flex min-h-11 items-center rounded px-3 text-white hover:bg-brand-700";
  return (
    <header className="bg-brand-800 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        {T.skip}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
        <Link href="/admin" className="mr-2 font-bold text-white">
          {T.brand}
        </Link>
        <nav aria-label={T.nav} className="flex flex-1 flex-wrap items-center text-sm">
          <Link href="/admin" className={link}>{T.dashboard}</Link>
          <Link href="/admin/tickets" className={link}>{T.tickets}</Link>
          <Link href="/admin/reports" className={link}>{T.reports}</Link>
          {user.role !== "agent" ? <Link href="/admin/content" className={link}>{T.content}</Link> : null}
          <Link href="/admin/notifications" className={link} data-unread={unreadCount}>
            {T.notifications}
            {unreadCount > 0 ? (
              <span className="ml-1 rounded-full bg-white px-2 text-xs font-bold text-brand-800">
                <span aria-hidden="true">{unreadCount > 99 ? "99+" : unreadCount}</span>
                <span className="sr-only">({T.unread(unreadCount)})</span>
              </span>
            ) : null}
          </Link>
          <Link href="/admin/mail" className={link} data-held={heldMailCount}>
            {T.mail}
            {heldMailCount > 0 ? (
              <span className="ml-1 rounded-full bg-white px-2 text-xs font-bold text-brand-800">
                <span aria-hidden="true">{heldMailCount > 99 ? "99+" : heldMailCount}</span>
                <span className="sr-only">({T.held(heldMailCount)})</span>
              </span>
            ) : null}
          </Link>
          {user.role === "admin" ? (
            <>
              <Link href="/admin/status" className={link}>{T.status}</Link>
              <Link href="/admin/staff" className={link}>{T.staff}</Link>
              <Link href="/admin/canned-replies" className={link}>{T.canned}</Link>
              <Link href="/admin/settings" className={link}>{T.settings}</Link>
            </>
          ) : null}
        </nav>
        <div className="flex items-center gap-2 text-sm">
          <span>
            {user.name}({T.roles[user.role]})
          </span>
          <form method="post" action="/api/auth/signout">
            <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
            <input type="hidden" name="callbackUrl" value="/admin/login" />
            <button type="submit" className="min-h-11 rounded border border-white/60 px-3 hover:bg-brand-700">
              {T.logout}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
