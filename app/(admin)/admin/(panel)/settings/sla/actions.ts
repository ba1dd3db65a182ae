"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { listAllGuideIds } from "@/lib/content";
import { removeSlaOverride, saveSlaPolicies, type PolicyTargets } from "@/lib/sla/settings";
import { TICKET_PRIORITY } from "@/lib/ticket-fields";
import type { TicketPriority } from "@/lib/tickets/workflow";
import { SlaPolicyRowSchema } from "@/lib/validation/business-calendar";

/** Typed values per row key "<priority>:<guideId>" (guideId empty for the default). */
export type TargetValues = { fh: string; fm: string; rh: string; rm: string };
export type PoliciesState = { ok?: boolean; errors?: Record<string, string>; values?: Record<string, TargetValues> };
export type OverrideState = { ok?: boolean; errors?: Record<string, string>; values?: TargetValues & { guideId: string; priority: string } };

const PATH = "/admin/settings/sla";
const isPriority = (v: string): v is TicketPriority => (TICKET_PRIORITY.values as readonly string[]).includes(v);
const text = (formData: FormData, name: string) => String(formData.get(name) ?? "").slice(0, 6);

function parseRow(v: TargetValues): { ok: true; first: number | null; resolution: number | null } | { ok: false; message: string } {
  const parsed = SlaPolicyRowSchema.safeParse({ firstResponse: { hours: v.fh, minutes: v.fm }, resolution: { hours: v.rh, minutes: v.rm } });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  return { ok: true, first: parsed.data.firstResponse, resolution: parsed.data.resolution };
}

export async function savePoliciesAction(_prev: PoliciesState, formData: FormData): Promise<PoliciesState> {
  const user = await requireAdmin();
  const guides = new Set(listAllGuideIds());
  const values: Record<string, TargetValues> = {};
  const errors: Record<string, string> = {};
  const rows: PolicyTargets[] = [];
  for (const key of formData.getAll("row").map(String).slice(0, 200)) {
    const [priority, guideId = ""] = key.split(":");
    // Only rows this page can show: a forged key names no priority or no guide.
    if (!isPriority(priority) || (guideId && !guides.has(guideId)) || values[key]) continue;
    const v = { fh: text(formData, `fh.${key}`), fm: text(formData, `fm.${key}`), rh: text(formData, `rh.${key}`), rm: text(formData, `rm.${key}`) };
    values[key] = v;
    const parsed = parseRow(v);
    if (!parsed.ok) errors[key] = parsed.message;
    else rows.push({ priority, guideId, firstResponseMinutes: parsed.first, resolutionMinutes: parsed.resolution });
  }
  if (Object.keys(errors).length) return { errors, values };
  await saveSlaPolicies(user, rows);
  revalidatePath(PATH);
  return { ok: true, values };
}

export async function addOverrideAction(_prev: OverrideState, formData: FormData): Promise<OverrideState> {
  const user = await requireAdmin();
  const values = { guideId: String(formData.get("guideId") ?? "").slice(0, 100), priority: String(formData.get("priority") ?? "").slice(0, 20), fh: text(formData, "fh"), fm: text(formData, "fm"), rh: text(formData, "rh"), rm: text(formData, "rm") };
  const errors: Record<string, string> = {};
  if (!listAllGuideIds().includes(values.guideId)) errors.guideId = "ガイドを選んでください。";
  if (!isPriority(values.priority)) errors.priority = "優先度を選んでください。";
  const parsed = parseRow(values);
  if (!parsed.ok) errors.targets = parsed.message;
  if (Object.keys(errors).length || !parsed.ok || !isPriority(values.priority)) return { errors, values };
  await saveSlaPolicies(user, [{ priority: values.priority, guideId: values.guideId, firstResponseMinutes: parsed.first, resolutionMinutes: parsed.resolution }]);
  revalidatePath(PATH);
  return { ok: true };
}

export async function removeOverrideAction(formData: FormData): Promise<void> {
  const user = await requireAdmin();
  const priority = String(formData.get("priority") ?? "");
  const guideId = String(formData.get("guideId") ?? "");
  if (isPriority(priority) && guideId) await removeSlaOverride(user, priority, guideId);
  revalidatePath(PATH);
}
