import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/guards";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { getNotificationChoices, listFollowedGuides } from "@/lib/data/notifications";
import { NO_GUIDE } from "@/lib/notifications/kinds";
import { saveNotificationSettingsAction } from "./actions";
import { NotificationSettingsForm } from "./_components/notification-settings-form";

export const metadata: Metadata = { title: "通知の設定" };

export default async function NotificationSettingsPage() {
  const user = await requireStaff("/admin/settings/notifications");
  const [choices, follows] = await Promise.all([getNotificationChoices(user), listFollowedGuides(user)]);
  const guides = [
    ...listAllGuideIds().map((id) => ({ key: id, title: getGuideDeclaration(id)!.catalog.title.ja })),
    { key: NO_GUIDE, title: "ガイドなし(一般のお問い合わせ)" },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">通知の設定</h1>
      <p>通知は、画面の「通知」一覧とメールで受け取れます。自分で行った操作は通知されません。</p>
      <NotificationSettingsForm action={saveNotificationSettingsAction} choices={choices} follows={follows} guides={guides} />
    </div>
  );
}
