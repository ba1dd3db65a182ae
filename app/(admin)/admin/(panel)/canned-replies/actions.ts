"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { CannedReplyError, createCannedReply, deleteCannedReply, updateCannedReply } from "@/lib/data/canned-replies";
import { renderPlaceholders, unknownPlaceholders } from "@/lib/tickets/placeholders";
import { CannedReplyIdSchema, CannedReplySchema } from "@/lib/validation/canned-reply";
import { fieldErrors } from "@/lib/validation/form-errors";

export type CannedReplyFormState = {
  errors?: Record<string, string>;
  values?: { id: string; title: string; bodyJa: string; bodyEn: string };
  preview?: { ja: string; en: string };
};

// What a preview fills the placeholders with: an example requester, the link as the mail gives it today.
const SAMPLE = { ja: { name: "北陸 花子", reference: "SSO-2026-000123" }, en: { name: "Jane Doe", reference: "SSO-2026-000123" } };

export async function saveCannedReplyAction(_prev: CannedReplyFormState, formData: FormData): Promise<CannedReplyFormState> {
  await requireAdmin();
  const values = {
    id: String(formData.get("id") ?? ""),
    title: String(formData.get("title") ?? ""),
    bodyJa: String(formData.get("bodyJa") ?? ""),
    bodyEn: String(formData.get("bodyEn") ?? ""),
  };
  const id = values.id ? CannedReplyIdSchema.safeParse({ id: values.id }) : null;
  if (id && !id.success) return { errors: { form: "この定型文は見つかりません。" }, values };
  const parsed = CannedReplySchema.safeParse(values);
  const errors = fieldErrors(parsed.error);
  for (const key of ["bodyJa", "bodyEn"] as const) {
    const unknown = unknownPlaceholders(values[key]);
    if (unknown.length && !errors[key]) errors[key] = `使えないプレースホルダーがあります: ${unknown.join("、")}`;
  }
  if (!parsed.success || Object.keys(errors).length) return { errors, values };

  if (formData.get("intent") === "preview") {
    const preview = {
      ja: renderPlaceholders(parsed.data.bodyJa, { locale: "ja", ...SAMPLE.ja, statusLink: null }),
      en: renderPlaceholders(parsed.data.bodyEn, { locale: "en", ...SAMPLE.en, statusLink: null }),
    };
    return { values, preview };
  }
  try {
    if (id?.success) await updateCannedReply(id.data.id, parsed.data);
    else await createCannedReply(parsed.data);
  } catch (error) {
    if (error instanceof CannedReplyError && error.code === "duplicate") return { errors: { title: "この名前の定型文はすでにあります。" }, values };
    if (error instanceof CannedReplyError) return { errors: { form: "この定型文は見つかりません(削除された可能性があります)。" }, values };
    throw error;
  }
  revalidatePath("/admin/canned-replies");
  redirect(`/admin/canned-replies?done=${id?.success ? "updated" : "created"}`);
}

export async function deleteCannedReplyAction(formData: FormData) {
  await requireAdmin();
  const input = CannedReplyIdSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) redirect("/admin/canned-replies?error=not-found");
  try {
    await deleteCannedReply(input.data.id);
  } catch (error) {
    if (error instanceof CannedReplyError) redirect("/admin/canned-replies?error=not-found");
    throw error;
  }
  revalidatePath("/admin/canned-replies");
  redirect("/admin/canned-replies?done=deleted");
}
