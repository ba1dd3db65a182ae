import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { getSignOff } from "@/lib/data/settings";
import { saveSignOffAction } from "./actions";
import { SignOffForm } from "./_components/sign-off-form";

export const metadata: Metadata = { title: "設定" };

export default async function SettingsPage() {
  await requireAdmin("/admin/settings");
  const signOff = await getSignOff();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">設定</h1>
      <p>
        自分の通知の受け取り方は <Link href="/admin/settings/notifications" className="underline">通知の設定</Link> で変更できます。
      </p>
      <p>
        対応期限(SLA): <Link href="/admin/settings/calendar" className="underline">営業日カレンダー</Link> ・{" "}
        <Link href="/admin/settings/sla" className="underline">SLAの設定</Link>
      </p>
      <SignOffForm action={saveSignOffAction} signOff={signOff} />
    </div>
  );
}
