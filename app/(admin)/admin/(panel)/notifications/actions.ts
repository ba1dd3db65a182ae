"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/data/notifications";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function markReadAction(formData: FormData) {
  const user = await requireStaff();
  const id = String(formData.get("id") ?? "");
  // Someone else's id (or a forged one) matches nothing: markNotificationRead filters by the signed-in user.
  const ok = UUID.test(id) && (await markNotificationRead(user, id));
  revalidatePath("/admin", "layout");
  redirect(ok ? "/admin/notifications" : "/admin/notifications?error=not-found");
}

export async function markAllReadAction() {
  const user = await requireStaff();
  await markAllNotificationsRead(user);
  revalidatePath("/admin", "layout");
  redirect("/admin/notifications");
}
