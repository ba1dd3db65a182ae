// A guide's contact form as one ordered list: the common fields (lib/guides/common-fields.ts) where
// the guide places them or in their default positions, and the guide's own fields, wording resolved.
import { COMMON_END, COMMON_FIELDS, COMMON_START } from "@/lib/guides/common-fields";
import { isCommonRef, type GuideDeclaration, type ResolvedField } from "@/lib/guides/declaration";

/**
 * Every field of the guide's form in page order (the error summary's order too). `null`: the form
 * without a guide, the common fields alone. Throws on a reference to a common field that does not
 * exist; validateDeclaration reports that first, with the guide's name.
 */
export function formFields(guide: Pick<GuideDeclaration, "form"> | null): ResolvedField[] {
  const entries = guide?.form.fields ?? [];
  const placed = new Set(entries.filter(isCommonRef).map((e) => e.common));
  const common = (key: string, wording: { label?: ResolvedField["label"]; help?: ResolvedField["help"] } = {}): ResolvedField => {
    const field = COMMON_FIELDS.get(key);
    if (!field) throw new Error(`"${key}" is not a common field`);
    return { ...field, ...(wording.label ? { label: wording.label } : {}), ...(wording.help ? { help: wording.help } : {}), common: true };
  };
  return [
    ...COMMON_START.filter((f) => !placed.has(f.key)).map((f) => common(f.key)),
    ...entries.map((e) => (isCommonRef(e) ? common(e.common, e) : { ...e, common: false })),
    ...COMMON_END.filter((f) => !placed.has(f.key)).map((f) => common(f.key)),
  ];
}

/** Keys of the form's questions in page order (fields recorded only from the walk left out). */
export function fieldOrder(guide: Pick<GuideDeclaration, "form"> | null): string[] {
  return formFields(guide)
    .filter((f) => f.askWhen !== "never")
    .map((f) => f.key);
}

/** Fields the walk can pre-fill (a ticket's `changedFields` names those the user changed). */
export function prefillableFields(guide: Pick<GuideDeclaration, "form">): string[] {
  return formFields(guide)
    .filter((f) => f.prefill && f.askWhen !== "never")
    .map((f) => f.key);
}
