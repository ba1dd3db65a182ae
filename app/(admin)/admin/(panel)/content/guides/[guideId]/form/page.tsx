// The guide's contact form fields (declaration.form, issue 12): edited here, checked by the same rules
// as content/ (lib/guides/validate-declaration.ts), saved as a draft version.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { getGuideForEditor } from "@/lib/data/guide-editor";
import { isCommonRef } from "@/lib/guides/declaration";
import { COMMON_FIELDS } from "@/lib/guides/common-fields";
import { editorHref } from "../hrefs";
import { saveFormFieldsAction } from "./actions";
import { FormFieldsForm, type EditableField } from "./_components/form-fields-form";

export const metadata: Metadata = { title: "お問い合わせフォームの項目" };

export default async function GuideFormPage({ params }: { params: Promise<{ guideId: string }> }) {
  const { guideId } = await params;
  await requireEditor(editorHref(guideId, "form"));
  const guide = await getGuideForEditor(guideId);
  if (!guide) notFound();
  const fields: EditableField[] = guide.head.document.declaration.form.fields.map((f) =>
    isCommonRef(f)
      ? { name: f.common, common: true, kind: COMMON_FIELDS.get(f.common)?.kind ?? "text", label: f.label ?? COMMON_FIELDS.get(f.common)?.label ?? { ja: "", en: "" } }
      : { name: f.key, common: false, kind: f.kind, label: f.label, required: f.required, options: f.options },
  );
  return (
    <div className="min-w-0 space-y-4">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> /{" "}
        <Link href={editorHref(guideId)} className="text-brand-700 underline">ガイドの地図</Link> / フォームの項目
      </nav>
      <h1 className="text-2xl font-bold">お問い合わせフォームの項目</h1>
      <p className="text-sm">
        このガイドの最後で使うお問い合わせフォームです。ここにない共通項目(氏名、メールアドレス、状況の説明など)は、すべてのフォームにあります。選択肢の選択がこのフォームの回答を設定するので、その項目と選択肢はステップの編集画面で選べます。
      </p>
      <FormFieldsForm action={saveFormFieldsAction} guideId={guideId} base={guide.head.number} fields={fields} />
    </div>
  );
}
