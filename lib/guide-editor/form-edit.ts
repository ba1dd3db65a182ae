// The guide's contact form (declaration.form, docs/decisions/0014) as the form-fields page edits it:
// wording, required flags and options of the fields there are, and a new field of an existing kind.
// Keys, kinds and option values of existing fields stay as they are: tickets already store answers
// under them (docs/decisions/0015), so renaming one would orphan those answers.
import { COMMON_FIELDS } from "@/lib/guides/common-fields";
import { isCommonRef, type FieldDeclaration, type GuideDeclaration } from "@/lib/guides/declaration";
import type { GuideProblem } from "@/lib/guide-editor/problems";

type Localized = { ja: string; en: string };
export type Required = FieldDeclaration["required"];
export const REQUIRED_VALUES: readonly Required[] = ["always", "unless-answered-by-path", "optional"];
/** Kinds a new field may have: the common kinds (username, email) belong to common fields only. */
export const NEW_FIELD_KINDS = ["text", "textarea", "single", "multi", "datetime", "file"] as const;
export type NewFieldKind = (typeof NEW_FIELD_KINDS)[number];

export type FieldEdit = {
  label: Localized;
  /** Own fields only. */
  required?: Required;
  /** Own choice fields: labels by existing option index. */
  options?: Localized[];
  /** Own choice fields: an option to append. */
  newOption?: { value: string; label: Localized };
};
export type NewField = { key: string; kind: NewFieldKind; label: Localized; required: Required; options: { value: string; label: Localized }[] };
export type FormEditInput = { fields: FieldEdit[]; newField?: NewField };

/** The answer keys choices may set, with their options: the single fields pre-filled from an answer. */
export function answerFieldsOf(guide: GuideDeclaration): { key: string; label: string; options: { value: string; label: string }[] }[] {
  return guide.form.fields.flatMap((f) =>
    !isCommonRef(f) && f.kind === "single" && f.prefill && "answer" in f.prefill
      ? [{ key: f.prefill.answer, label: f.label.ja, options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label.ja })) }]
      : [],
  );
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KEY = /^[a-z][A-Za-z0-9]*$/;

export function applyFormEdit(guide: GuideDeclaration, input: FormEditInput): { declaration: GuideDeclaration; problems: GuideProblem[] } {
  const next = structuredClone(guide);
  const problems: GuideProblem[] = [];
  next.form.fields = next.form.fields.map((entry, i) => {
    const edit = input.fields[i];
    if (!edit) return entry;
    const name = isCommonRef(entry) ? entry.common : entry.key;
    const where = `項目「${name}」`;
    if (!edit.label.ja || !edit.label.en) problems.push({ where, message: "ラベルを日本語と英語の両方で入力してください。" });
    if (isCommonRef(entry)) {
      // The common wording shown unchanged stays inherited, so a later change of the default reaches this guide.
      const base = COMMON_FIELDS.get(entry.common)?.label;
      if (!entry.label && base && base.ja === edit.label.ja && base.en === edit.label.en) return entry;
      return { ...entry, label: edit.label };
    }
    const field: FieldDeclaration = { ...entry, label: edit.label };
    if (edit.required && REQUIRED_VALUES.includes(edit.required)) field.required = edit.required;
    if (field.options) {
      field.options = field.options.map((o, j) => {
        const label = edit.options?.[j] ?? o.label;
        if (!label.ja || !label.en) problems.push({ where, message: `選択肢「${o.value}」のラベルを日本語と英語の両方で入力してください。` });
        return { ...o, label };
      });
      const added = edit.newOption;
      if (added && (added.value || added.label.ja || added.label.en)) {
        if (!ID.test(added.value)) problems.push({ where, message: "新しい選択肢の値は半角英小文字・数字・ハイフンで入力してください(例: not-sure)。" });
        else if (!added.label.ja || !added.label.en) problems.push({ where, message: "新しい選択肢のラベルを日本語と英語の両方で入力してください。" });
        else field.options.push({ value: added.value, label: added.label });
      }
    }
    return field;
  });

  const fresh = input.newField;
  if (fresh && (fresh.key || fresh.label.ja || fresh.label.en)) {
    const where = "新しい項目";
    const before = problems.length;
    if (!KEY.test(fresh.key)) problems.push({ where, message: "キーは英小文字で始まる半角英数字にしてください(例: browserName)。" });
    if (!NEW_FIELD_KINDS.includes(fresh.kind)) problems.push({ where, message: "種類を選んでください。" });
    if (!fresh.label.ja || !fresh.label.en) problems.push({ where, message: "ラベルを日本語と英語の両方で入力してください。" });
    if (problems.length === before) {
      const field: FieldDeclaration = { key: fresh.key, kind: fresh.kind, label: fresh.label, required: fresh.kind === "file" ? "optional" : fresh.required };
      if (fresh.kind === "single" || fresh.kind === "multi") field.options = fresh.options;
      // The limits validate-declaration asks of these kinds, at the sizes the existing guides use.
      if (fresh.kind === "text") field.maxLength = 200;
      if (fresh.kind === "textarea") field.maxLength = 2000;
      if (fresh.kind === "text" || fresh.kind === "textarea") field.secretCheck = true;
      if (fresh.kind === "multi") field.maxItems = Math.max(1, fresh.options.length);
      next.form.fields.push(field);
    }
  }
  return { declaration: next, problems };
}

/** "value: 日本語 / English" per line, the new field's options as typed. */
export function parseOptionLines(text: string): { options: { value: string; label: Localized }[]; problems: string[] } {
  const options: { value: string; label: Localized }[] = [];
  const problems: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([^:]+):\s*(.+?)\s*\/\s*(.+)$/.exec(line);
    if (!match || !ID.test(match[1].trim())) {
      problems.push(`${i + 1}行目: 「値: 日本語 / English」の形で書いてください(例: not-sure: 分からない / Not sure)。`);
      continue;
    }
    options.push({ value: match[1].trim(), label: { ja: match[2], en: match[3] } });
  }
  return { options, problems };
}
