"use server";
// Outside links (issue 12): labels and address of one link, saved as a draft version and, when
// asked, published in the same step. Refusals keep what was typed (useActionState).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { LinkDocumentSchema, type LinkDocument } from "@/lib/content/documents";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { getItem } from "@/lib/data/content";
import { LinkFormSchema } from "@/lib/validation/content-library";
import { refusalOf, type StoreRefusal } from "../problems";

export type LinkFormValues = { key: string; labelJa: string; labelEn: string; url: string; note: string; baseNumber: string };
export type LinkFormState = { errors?: Record<string, string>; values?: LinkFormValues; refusal?: StoreRefusal };

export async function saveLinkAction(_prev: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const user = await requireEditor();
  const values: LinkFormValues = {
    key: String(formData.get("key") ?? ""),
    labelJa: String(formData.get("labelJa") ?? ""),
    labelEn: String(formData.get("labelEn") ?? ""),
    url: String(formData.get("url") ?? ""),
    note: String(formData.get("note") ?? ""),
    baseNumber: String(formData.get("baseNumber") ?? ""),
  };
  const parsed = LinkFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { errors, values };
  }
  const item = await getItem("link", values.key);
  const head = item?.head ? LinkDocumentSchema.safeParse(item.head.data) : null;
  if (!item || !head?.success) return { errors: { form: "このリンクは見つかりません。" }, values };
  const data: LinkDocument = {
    label: { ja: parsed.data.labelJa, en: parsed.data.labelEn },
    url: parsed.data.url || null,
    position: head.data.position,
  };
  const unchanged = JSON.stringify(data) === JSON.stringify({ label: head.data.label, url: head.data.url, position: head.data.position });
  let number = item.headNumber;
  try {
    if (!unchanged || parsed.data.baseNumber !== item.headNumber) {
      number = (await saveDraft({ kind: "link", key: values.key, data, baseNumber: parsed.data.baseNumber, note: parsed.data.note, actorId: user.id })).number;
    }
    if (formData.get("intent") === "publish") await publish({ kind: "link", key: values.key, number, actorId: user.id, note: parsed.data.note });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    // A publish refused after the save: the draft is kept, so the form now builds on it.
    return { refusal, values: { ...values, baseNumber: String(refusal.kind === "conflict" ? parsed.data.baseNumber : number) } };
  }
  revalidatePath("/admin/content", "layout");
  const done = formData.get("intent") === "publish" ? "published" : "saved";
  redirect(`/admin/content/links?done=${done}&number=${number}&key=${encodeURIComponent(values.key)}#link-${values.key}`);
}
