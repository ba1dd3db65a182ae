"use server";
import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/guards";
import { listAllGuideIds } from "@/lib/content";
import { saveNotificationSettings } from "@/lib/data/notifications";
import { NO_GUIDE } from "@/lib/notifications/kinds";
import { NotificationSettingsSchema, notificationSettingsFromForm } from "@/lib/validation/notifications";

export type NotificationSettingsState = { ok?: boolean; error?: string };

export async function saveNotificationSettingsAction(_prev: NotificationSettingsState, formData: FormData): Promise<NotificationSettingsState> {
  const user = await requireStaff();
  const parsed = NotificationSettingsSchema.safeParse(notificationSettingsFromForm(formData));
  const known = new Set([...listAllGuideIds(), NO_GUIDE]);
  if (!parsed.success || parsed.data.follows.some((key) => !known.has(key))) {
    return { error: "選べないガイドが含まれています。画面を更新してから、もう一度お試しください。" };
  }
  await saveNotificationSettings(user, parsed.data.choices, parsed.data.follows);
  revalidatePath("/admin/settings/notifications");
  return { ok: true };
}
