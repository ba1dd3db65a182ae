import type { Metadata } from "next";
import { formatDateTime, secondaryButtonClass } from "@/components/admin/format";
import { requireAdmin } from "@/lib/auth/guards";
import { listStaff } from "@/lib/data/staff";
import { listPendingInvitations } from "@/lib/data/staff-tokens";
import { STAFF_ROLE_LABELS } from "@/lib/validation/staff";
import { changeRoleAction, inviteStaffAction, resendInvitationAction, revokeInvitationAction, setActiveAction } from "./actions";
import { InviteStaffForm } from "./_components/invite-staff-form";

export const metadata: Metadata = { title: "スタッフ" };

const MESSAGES: Record<string, string> = {
  self: "自分自身の権限や有効・無効は変更できません。",
  "not-found": "スタッフが見つかりません。",
  invalid: "入力内容を確認してください。",
  role: "権限を変更しました。",
  activated: "アカウントを有効にしました。",
  deactivated: "アカウントを無効にしました。次の操作からログアウトされます。",
  "invitation-gone": "この招待はすでに使われたか、取り消されています。",
  resent: "招待メールを再送しました。前のリンクは使えなくなりました。",
  revoked: "招待を取り消しました。",
};

export default async function StaffPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requireAdmin("/admin/staff");
  const { error, done } = await searchParams;
  const [staff, invitations] = await Promise.all([listStaff(), listPendingInvitations()]);
  const now = new Date();
  const notice = MESSAGES[error ?? done ?? ""];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">スタッフ</h1>
      {notice ? (
        <p role={error ? "alert" : "status"} className={`rounded border p-3 ${error ? "border-red-300 bg-red-50" : "border-emerald-300 bg-emerald-50"}`}>{notice}</p>
      ) : null}
      <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white">
        {staff.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-3 p-3" data-testid="staff-row">
            <div className="min-w-64 flex-1">
              <p className="font-semibold">
                {s.name} {s.active ? null : <span className="ml-1 rounded bg-slate-200 px-2 text-sm">無効</span>}
              </p>
              <p className="break-all text-sm text-slate-700">{s.email} ・ 最終ログイン {formatDateTime(s.lastLoginAt)}</p>
            </div>
            {s.id === me.id ? (
              <p className="text-sm">{STAFF_ROLE_LABELS[s.role]}(自分)</p>
            ) : (
              <div className="flex flex-wrap gap-2">
                <form action={changeRoleAction} className="flex items-center gap-2">
                  <input type="hidden" name="id" value={s.id} />
                  <label htmlFor={`role-${s.id}`} className="sr-only">{s.name}の権限</label>
                  <select id={`role-${s.id}`} name="role" defaultValue={s.role} className="min-h-11 rounded border border-slate-400 bg-white px-2">
                    <option value="agent">担当者</option>
                    <option value="editor">編集者</option>
                    <option value="admin">管理者</option>
                  </select>
                  <button type="submit" className={secondaryButtonClass}>権限を変更</button>
                </form>
                <form action={setActiveAction}>
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="active" value={s.active ? "false" : "true"} />
                  <button type="submit" className={secondaryButtonClass}>{s.active ? "無効にする" : "有効にする"}</button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>
      {invitations.length ? (
        <section aria-labelledby="pending-invitations">
          <h2 id="pending-invitations" className="text-lg font-bold">招待中</h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 p-3" data-testid="invitation-row">
                <div className="min-w-64 flex-1">
                  <p className="font-semibold">
                    {inv.name} <span className="ml-1 text-sm font-normal">{inv.role ? STAFF_ROLE_LABELS[inv.role] : STAFF_ROLE_LABELS.agent}</span>
                    {inv.expiresAt <= now ? <span className="ml-1 rounded bg-amber-100 px-2 text-sm">期限切れ</span> : null}
                  </p>
                  <p className="break-all text-sm text-slate-700">
                    {inv.email} ・ 有効期限 {formatDateTime(inv.expiresAt)}{inv.createdBy ? ` ・ 招待者 ${inv.createdBy.name}` : ""}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <form action={resendInvitationAction}>
                    <input type="hidden" name="id" value={inv.id} />
                    <button type="submit" className={secondaryButtonClass}>再送</button>
                  </form>
                  <form action={revokeInvitationAction}>
                    <input type="hidden" name="id" value={inv.id} />
                    <button type="submit" className={secondaryButtonClass}>取り消す</button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <InviteStaffForm action={inviteStaffAction} />
    </div>
  );
}
