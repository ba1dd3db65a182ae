"use server";
import { refresh } from "next/cache";
import { requireEditor } from "@/lib/auth/guards";
import { getGuideForEditor, getGuideVersionDocument } from "@/lib/data/guide-editor";
import { applyStepEdit, NEW_STEP, stepFormValues } from "@/lib/guide-editor/edit-step";
import { saveGuideEdit } from "@/lib/guide-editor/save";
import { parseStepForm, rebaseStepValues } from "@/lib/guide-editor/step-form";
import type { StepFormState } from "./step-form-state";

export async function saveStepAction(_prev: StepFormState, formData: FormData): Promise<StepFormState> {
  const user = await requireEditor();
  const guideId = String(formData.get("guideId") ?? "");
  const stepId = String(formData.get("stepId") ?? "");
  const parsed = parseStepForm(formData);
  const values = parsed.values;
  const guide = await getGuideForEditor(guideId);
  if (!guide || !Object.hasOwn(guide.head.document.declaration.steps, stepId)) {
    return { error: "このステップは見つかりません。ほかの編集者が削除した可能性があります。", values, base: parsed.base };
  }
  if (parsed.problems.length) return { problems: parsed.problems, values, base: parsed.base };

  const result = await saveGuideEdit(user, guideId, parsed.base, parsed.note, (doc) => {
    const { doc: next, problems } = applyStepEdit(doc, stepId, {
      texts: values.texts,
      leaf: values.leaf,
      removeOrphans: values.removeOrphans,
      choices: values.choices
        .filter((c) => !c.remove)
        .map((c) => ({ id: c.id, to: c.to, label: c.label, answers: c.answers, newStep: c.to === NEW_STEP ? c.newStep : undefined })),
    });
    return { doc: next, problems };
  });
  if (result.ok) {
    // The page re-reads the guide, so the form shows the version just stored.
    refresh();
    // The saved form shows the step as stored: new rows became choices, removed ones are gone.
    return { ok: true, base: result.number, notice: `第${result.number}版として下書きを保存しました。公開するまでヘルプページは変わりません。${result.problems.length ? `公開の前に直す点が${result.problems.length}件あります(ガイドの地図のページに一覧があります)。` : ""}` };
  }
  if (result.reason === "conflict") {
    const [baseDoc, headDoc] = await Promise.all([getGuideVersionDocument(guide.itemId, parsed.base), getGuideVersionDocument(guide.itemId, result.head)]);
    const baseValues = baseDoc && stepFormValues(baseDoc, stepId);
    const headValues = headDoc && stepFormValues(headDoc, stepId);
    return {
      error: `ほかの編集者が先に保存しました(第${result.head}版)。入力した内容は残っています。`,
      changes: result.changes,
      base: result.head,
      // Fields left as they were take the other editor's version; what was typed stays.
      values: baseValues && headValues ? rebaseStepValues(values, baseValues, headValues) : values,
    };
  }
  return { problems: result.problems, values, base: parsed.base };
}
