"use server";
import { refresh } from "next/cache";
import { requireEditor } from "@/lib/auth/guards";
import { applyFormEdit, parseOptionLines, type FieldEdit, type NewFieldKind, type Required } from "@/lib/guide-editor/form-edit";
import type { GuideProblem } from "@/lib/guide-editor/problems";
import { saveGuideEdit } from "@/lib/guide-editor/save";
import type { FormFieldsState } from "./form-state";

export async function saveFormFieldsAction(_prev: FormFieldsState, formData: FormData): Promise<FormFieldsState> {
  const user = await requireEditor();
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v;
  const get = (k: string) => (Object.hasOwn(values, k) ? values[k].trim() : "");
  const guideId = get("guideId");
  const base = /^\d{1,9}$/.test(get("base")) ? Number(get("base")) : -1;
  const note = get("note").slice(0, 500);
  const count = Math.min(Number(get("fieldCount")) || 0, 100);

  const fields: FieldEdit[] = [];
  for (let i = 0; i < count; i++) {
    const p = `f.${i}.`;
    const options: FieldEdit["options"] = [];
    for (let j = 0; Object.hasOwn(values, `${p}o.${j}.ja`); j++) options.push({ ja: get(`${p}o.${j}.ja`), en: get(`${p}o.${j}.en`) });
    fields.push({
      label: { ja: get(`${p}label.ja`), en: get(`${p}label.en`) },
      ...(get(`${p}required`) ? { required: get(`${p}required`) as Required } : {}),
      ...(options.length ? { options } : {}),
      newOption: { value: get(`${p}newopt.value`), label: { ja: get(`${p}newopt.ja`), en: get(`${p}newopt.en`) } },
    });
  }
  const lines = parseOptionLines(values["new.options"] ?? "");
  const early: GuideProblem[] = lines.problems.map((message) => ({ where: "新しい項目の選択肢", message }));
  if (base < 0) early.push({ where: "入力", message: "元にした版がわかりません。ページを読み込み直してください。" });
  if (early.length) return { problems: early, values, base };

  const result = await saveGuideEdit(user, guideId, base, note, (doc) => {
    const { declaration, problems } = applyFormEdit(doc.declaration, {
      fields,
      newField: {
        key: get("new.key"),
        kind: get("new.kind") as NewFieldKind,
        label: { ja: get("new.label.ja"), en: get("new.label.en") },
        required: (get("new.required") || "optional") as Required,
        options: lines.options,
      },
    });
    return { doc: { ...doc, declaration }, problems };
  });
  if (result.ok) refresh();
  if (result.ok) return { ok: true, base: result.number, notice: `第${result.number}版として下書きを保存しました。` };
  if (result.reason === "conflict") {
    return { error: `ほかの編集者が先に保存しました(第${result.head}版)。入力した内容は残っています。`, changes: result.changes, base: result.head, values };
  }
  return { problems: result.problems, values, base };
}
