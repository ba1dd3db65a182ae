"use server";
// Topics (issue 12): the labels under which the home page groups articles, and their order. A
// change is saved as a draft version and, when asked, published in the same step.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { TopicDocumentSchema, type TopicDocument } from "@/lib/content/documents";
import { getItem } from "@/lib/data/content";
import { TopicFormSchema } from "@/lib/validation/content-library";
import { fieldErrors, formStrings } from "@/lib/validation/form-errors";
import type { StoreRefusal } from "../problems";
import { saveLibraryItem } from "../save-item";

export type TopicFormValues = { key: string; labelJa: string; labelEn: string; position: string; baseNumber: string };
export type TopicFormState = { errors?: Record<string, string>; values?: TopicFormValues; refusal?: StoreRefusal };

export async function saveTopicAction(_prev: TopicFormState, formData: FormData): Promise<TopicFormState> {
  const user = await requireEditor();
  const values: TopicFormValues = formStrings(formData, ["key", "labelJa", "labelEn", "position", "baseNumber"]);
  const parsed = TopicFormSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const item = await getItem("topic", values.key);
  const head = item?.head ? TopicDocumentSchema.safeParse(item.head.data) : null;
  if (!item || !head?.success) return { errors: { form: "このトピックは見つかりません。" }, values };
  const data: TopicDocument = { label: { ja: parsed.data.labelJa, en: parsed.data.labelEn }, position: parsed.data.position };
  const publish = formData.get("intent") === "publish";
  const saved = await saveLibraryItem({
    kind: "topic",
    key: values.key,
    data,
    head: { label: head.data.label, position: head.data.position },
    headNumber: item.headNumber,
    baseNumber: parsed.data.baseNumber,
    note: "",
    actorId: user.id,
    publish,
  });
  if ("refusal" in saved) return { refusal: saved.refusal, values: { ...values, baseNumber: String(saved.baseNumber) } };
  revalidatePath("/admin/content", "layout");
  redirect(`/admin/content/topics?done=${publish ? "published" : "saved"}&number=${saved.number}#topic-${values.key}`);
}
