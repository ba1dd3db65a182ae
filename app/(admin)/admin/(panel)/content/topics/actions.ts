"use server";
// Topics (issue 12): the labels under which the home page groups articles, and their order. A
// change is saved as a draft version and, when asked, published in the same step.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { TopicDocumentSchema, type TopicDocument } from "@/lib/content/documents";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { getItem } from "@/lib/data/content";
import { TopicFormSchema } from "@/lib/validation/content-library";
import { refusalOf, type StoreRefusal } from "../problems";

export type TopicFormValues = { key: string; labelJa: string; labelEn: string; position: string; baseNumber: string };
export type TopicFormState = { errors?: Record<string, string>; values?: TopicFormValues; refusal?: StoreRefusal };

export async function saveTopicAction(_prev: TopicFormState, formData: FormData): Promise<TopicFormState> {
  const user = await requireEditor();
  const values: TopicFormValues = {
    key: String(formData.get("key") ?? ""),
    labelJa: String(formData.get("labelJa") ?? ""),
    labelEn: String(formData.get("labelEn") ?? ""),
    position: String(formData.get("position") ?? ""),
    baseNumber: String(formData.get("baseNumber") ?? ""),
  };
  const parsed = TopicFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { errors, values };
  }
  const item = await getItem("topic", values.key);
  const head = item?.head ? TopicDocumentSchema.safeParse(item.head.data) : null;
  if (!item || !head?.success) return { errors: { form: "このトピックは見つかりません。" }, values };
  const data: TopicDocument = { label: { ja: parsed.data.labelJa, en: parsed.data.labelEn }, position: parsed.data.position };
  const unchanged = JSON.stringify(data) === JSON.stringify({ label: head.data.label, position: head.data.position });
  let number = item.headNumber;
  try {
    if (!unchanged || parsed.data.baseNumber !== item.headNumber) {
      number = (await saveDraft({ kind: "topic", key: values.key, data, baseNumber: parsed.data.baseNumber, note: "", actorId: user.id })).number;
    }
    if (formData.get("intent") === "publish") await publish({ kind: "topic", key: values.key, number, actorId: user.id });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { refusal, values: { ...values, baseNumber: String(refusal.kind === "conflict" ? parsed.data.baseNumber : number) } };
  }
  revalidatePath("/admin/content", "layout");
  const done = formData.get("intent") === "publish" ? "published" : "saved";
  redirect(`/admin/content/topics?done=${done}&number=${number}#topic-${values.key}`);
}
