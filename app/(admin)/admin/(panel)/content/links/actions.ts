"use server";
// Outside links (issue 12): labels and address of one link, saved as a draft version and, when
// asked, published in the same step. Refusals keep what was typed (useActionState).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { LinkDocumentSchema, type LinkDocument } from "@/lib/content/documents";
import { getItem } from "@/lib/data/content";
import { LinkFormSchema } from "@/lib/validation/content-library";
import { fieldErrors, formStrings } from "@/lib/validation/form-errors";
import type { StoreRefusal } from "../problems";
import { saveLibraryItem } from "../save-item";

export type LinkFormValues = { key: string; labelJa: string; labelEn: string; url: string; note: string; baseNumber: string };
export type LinkFormState = { errors?: Record<string, string>; values?: LinkFormValues; refusal?: StoreRefusal };

export async function saveLinkAction(_prev: LinkFormState, formData: FormData): Promise<LinkFormState> {
  const user = await requireEditor();
  const values: LinkFormValues = formStrings(formData, ["key", "labelJa", "labelEn", "url", "note", "baseNumber"]);
  const parsed = LinkFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const item = await getItem("link", values.key);
  const head = item?.head ? LinkDocumentSchema.safeParse(item.head.data) : null;
  if (!item || !head?.success) return { errors: { form: "このリンクは見つかりません。" }, values };
  const data: LinkDocument = { label: { ja: parsed.data.labelJa, en: parsed.data.labelEn }, url: parsed.data.url || null, position: head.data.position };
  const publish = formData.get("intent") === "publish";
  const saved = await saveLibraryItem({
    kind: "link",
    key: values.key,
    data,
    head: { label: head.data.label, url: head.data.url, position: head.data.position },
    headNumber: item.headNumber,
    baseNumber: parsed.data.baseNumber,
    note: parsed.data.note,
    actorId: user.id,
    publish,
  });
  if ("refusal" in saved) return { refusal: saved.refusal, values: { ...values, baseNumber: String(saved.baseNumber) } };
  revalidatePath("/admin/content", "layout");
  redirect(`/admin/content/links?done=${publish ? "published" : "saved"}&number=${saved.number}&key=${encodeURIComponent(values.key)}#link-${values.key}`);
}
