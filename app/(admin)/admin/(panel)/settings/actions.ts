"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { updateSignOff } from "@/lib/data/settings";
import { SignOffSchema } from "@/lib/validation/settings";
import { fieldErrors } from "@/lib/validation/form-errors";

export type SignOffState = { ok?: boolean; errors?: Record<string, string>; values?: { signOffJa: string; signOffEn: string } };

export async function saveSignOffAction(_prev: SignOffState, formData: FormData): Promise<SignOffState> {
  const user = await requireAdmin();
  const values = { signOffJa: String(formData.get("signOffJa") ?? ""), signOffEn: String(formData.get("signOffEn") ?? "") };
  const parsed = SignOffSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const saved = await updateSignOff(user, parsed.data);
  revalidatePath("/admin/settings");
  return { ok: true, values: { signOffJa: saved.ja, signOffEn: saved.en } };
}
