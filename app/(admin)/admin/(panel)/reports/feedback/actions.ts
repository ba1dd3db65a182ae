"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { setFeedbackHandled } from "@/lib/insight/feedback-handled";

/** Back to the list as it was filtered (only its own known parameters travel). */
function back(formData: FormData, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["state", "guide", "step"]) {
    const value = formData.get(key);
    if (typeof value === "string" && /^[a-z0-9-]{1,64}$/.test(value)) params.set(key, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return `/admin/reports/feedback${query ? `?${query}` : ""}`;
}

/** Marks a "didn't work" comment handled (or open again). Editors and admins; the use case checks. */
export async function setHandledAction(formData: FormData) {
  const user = await requireStaff();
  const handled = formData.get("handled") === "true";
  const result = await setFeedbackHandled(user, String(formData.get("id") ?? ""), handled);
  if (!result.ok && result.reason === "forbidden") redirect("/admin/forbidden");
  revalidatePath("/admin/reports/feedback");
  redirect(back(formData, result.ok ? {} : { error: result.reason }));
}
