"use server";
// Articles (issue 12): the form's fields become the two .mdx files of a draft version (only a
// language whose fields changed is rewritten); "保存して公開" publishes that version too. A refusal
// (bad field, unsafe MDX, someone else saved, not publishable) keeps everything typed.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { writeArticleSource } from "@/lib/content/article-source";
import { ArticleDocumentSchema, ContentKeySchema, type ArticleDocument } from "@/lib/content/documents";
import { unpublishArticle } from "@/lib/content-library/unpublish";
import { createItem } from "@/lib/content-store/create-item";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { getItem, listItems } from "@/lib/data/content";
import { jstDay } from "@/lib/jst";
import { ArticleFormSchema } from "@/lib/validation/content-library";
import { refusalOf, type StoreRefusal } from "../problems";
import { fieldErrors } from "@/lib/validation/form-errors";

const FIELDS = ["slug", "titleJa", "titleEn", "descriptionJa", "descriptionEn", "topic", "bodyJa", "bodyEn", "note", "baseNumber"] as const;
export type ArticleFormValues = Record<(typeof FIELDS)[number], string>;
export type ArticleFormState = { errors?: Record<string, string>; values?: ArticleFormValues; refusal?: StoreRefusal };

function read(formData: FormData): ArticleFormValues {
  return Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? "")])) as ArticleFormValues;
}

export async function saveArticleAction(_prev: ArticleFormState, formData: FormData): Promise<ArticleFormState> {
  const user = await requireEditor();
  const values = read(formData);
  const creating = formData.get("mode") === "new";
  const parsed = ArticleFormSchema.safeParse(values);
  const errors = fieldErrors(parsed.error);
  const slug = ContentKeySchema.safeParse(values.slug);
  if (!slug.success) errors.slug = slug.error.issues[0].message;
  else if (creating && slug.data === "new") errors.slug = "「new」は使えません(新規作成の画面の名前です)";
  const topics = new Set((await listItems("topic")).map((t) => t.key));
  if (parsed.success && !topics.has(parsed.data.topic)) errors.topic = "トピックを選び直してください";
  if (!parsed.success || !slug.success || Object.keys(errors).length) return { errors, values };
  const input = parsed.data;
  const key = slug.data;
  const today = jstDay(new Date());

  const item = creating ? null : await getItem("article", key);
  const head = item?.head ? ArticleDocumentSchema.safeParse(item.head.data) : null;
  if (!creating && (!item || !head?.success)) return { errors: { form: "この記事は見つかりません。" }, values };
  const before: ArticleDocument = head?.success ? head.data : { texts: { ja: "", en: "" } };
  // A language whose fields did not change keeps its file as is; one that changed gets today's date.
  const extra = (source: string) => (source === "" ? { draft: false, updated: today } : { updated: today });
  const data: ArticleDocument = {
    texts: {
      ja: writeArticleSource(before.texts.ja, { title: input.titleJa, description: input.descriptionJa, topic: input.topic, body: input.bodyJa }, extra(before.texts.ja)),
      en: writeArticleSource(before.texts.en, { title: input.titleEn, description: input.descriptionEn, topic: input.topic, body: input.bodyEn }, extra(before.texts.en)),
    },
  };
  const publishing = formData.get("intent") === "publish";
  let number = item?.headNumber ?? 0;
  try {
    if (creating) number = (await createItem({ kind: "article", key, data, actorId: user.id, note: input.note })).number;
    else if (JSON.stringify(data) !== JSON.stringify(before) || input.baseNumber !== number) {
      number = (await saveDraft({ kind: "article", key, data, baseNumber: input.baseNumber, note: input.note, actorId: user.id })).number;
    }
    if (publishing) await publish({ kind: "article", key, number, actorId: user.id, note: input.note });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (creating && number === 0) return { refusal, values };
    // Saved but not published: the next attempt builds on the draft just written.
    const base = refusal.kind === "conflict" ? values.baseNumber : String(number);
    revalidatePath("/admin/content", "layout");
    return { refusal, values: { ...values, baseNumber: base } };
  }
  revalidatePath("/admin/content", "layout");
  redirect(`/admin/content/articles/${key}?done=${creating && !publishing ? "created" : publishing ? "published" : "saved"}&number=${number}`);
}

/** Takes the article off the public site (its versions stay); refused while a live page links to it. */
export async function unpublishArticleAction(formData: FormData) {
  const user = await requireEditor();
  const key = ContentKeySchema.safeParse(formData.get("key"));
  if (!key.success) redirect("/admin/content?error=not-found");
  try {
    await unpublishArticle({ key: key.data, actorId: user.id });
  } catch (error) {
    if (!refusalOf(error)) throw error;
    // The page lists the linking pages itself: a URL never carries text to show.
    redirect(`/admin/content/articles/${key.data}?error=unpublish`);
  }
  revalidatePath("/admin/content", "layout");
  redirect(`/admin/content/articles/${key.data}?done=unpublished`);
}
