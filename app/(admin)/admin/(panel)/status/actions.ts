"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { parseJstDateTime } from "@/lib/jst";
import { listServiceStatuses, updateServiceStatus } from "@/lib/data/service-status";
import { ServiceStatusSchema } from "@/lib/validation/service-status";

export type StatusFormState = { ok?: boolean; errors?: Record<string, string>; values?: Record<string, string> };

const FIELD_ERRORS: Record<string, string> = {
  state: "状態を選んでください。",
  messageJa: "500文字以内で入力してください。",
  messageEn: "500文字以内で入力してください。",
  since: "日時の形式が正しくありません。",
  until: "終了は開始より後にしてください。",
};

// Form datetimes are Japan time (datetime-local has no zone); anything else is no time, and the
// schema says so.
const jst = (v: FormDataEntryValue | null) =>
  typeof v === "string" && v ? (parseJstDateTime(v)?.toISOString() ?? "invalid") : "";

export async function saveServiceStatus(_prev: StatusFormState, formData: FormData): Promise<StatusFormState> {
  const user = await requireAdmin();
  const values = Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
  const id = String(formData.get("id") ?? "");
  if (!(await listServiceStatuses()).some((s) => s.id === id)) return { errors: { state: "サービスが見つかりません。" }, values };
  const parsed = ServiceStatusSchema.safeParse({
    state: formData.get("state"),
    messageJa: formData.get("messageJa") ?? "",
    messageEn: formData.get("messageEn") ?? "",
    since: jst(formData.get("since")),
    until: jst(formData.get("until")),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      // The message fields carry their own words (length, control characters); the rest are fixed.
      const message = field === "messageJa" || field === "messageEn" ? issue.message : Object.hasOwn(FIELD_ERRORS, field) ? FIELD_ERRORS[field] : undefined;
      errors[field] ??= message ?? "入力内容を確認してください。";
    }
    return { errors, values };
  }
  await updateServiceStatus(user, id, parsed.data);
  // Help pages are pre-rendered with 30 s revalidation; refresh this instance's copies now.
  revalidatePath("/", "layout");
  return { ok: true, values };
}
