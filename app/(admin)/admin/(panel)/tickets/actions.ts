"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { TicketError } from "@/lib/tickets/errors";
import { BulkActionSchema, BulkIdsSchema, TicketVersionSchema } from "@/lib/validation/triage";

// Only list URLs: the form's "back" field must not become an open redirect.
const backTo = (value: FormDataEntryValue | null) =>
  typeof value === "string" && /^\/admin\/tickets(\?[^\\]*)?$/.test(value) ? value : "/admin/tickets";

function withNotice(url: string, key: string, value: string) {
  const u = new URL(url, "http://x");
  u.searchParams.set(key, value);
  return `${u.pathname}${u.search}`;
}

/** The version each selected row showed ("v.<id>"); a row without one is checked against nothing. */
function baseVersions(formData: FormData, ids: string[]) {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const v = TicketVersionSchema.safeParse(formData.get(`v.${id}`));
    if (v.success) out[id] = v.data;
  }
  return out;
}

export async function bulkAction(formData: FormData) {
  const user = await requireStaff();
  const back = backTo(formData.get("back"));
  const ids = BulkIdsSchema.safeParse(formData.getAll("ids"));
  const [kind, value] = String(formData.get("op") ?? "").split(":");
  const action = BulkActionSchema.safeParse(
    kind === "assign" ? { action: "assign", assigneeId: value } : kind === "status" ? { action: "status", status: value } : { action: "priority", priority: value },
  );
  if (!ids.success) redirect(withNotice(back, "bulk", "none-selected"));
  if (!action.success) redirect(withNotice(back, "bulk", "bad-action"));
  let result;
  try {
    result = await bulkUpdate(user, ids.data, action.data, baseVersions(formData, ids.data));
  } catch (error) {
    if (error instanceof TicketError) redirect(withNotice(back, "bulk", error.code));
    throw error;
  }
  revalidatePath("/admin/tickets");
  redirect(withNotice(back, "bulk", `done-${result.changed}-${result.skipped}-${result.moved}`));
}
