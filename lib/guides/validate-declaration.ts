// The checks that tie a guide's form to its graph (issue 9): what the schema alone cannot say. Each
// problem is a sentence naming the step or field, so a content author can fix guide.json from it.
import { COMMON_FIELDS, META_KEYS } from "@/lib/guides/common-fields";
import { isCommonRef, type GuideDeclaration, type ResolvedField } from "@/lib/guides/declaration";
import { formFields } from "@/lib/guides/form-fields";
import { validateGuide } from "@/lib/guide-graph";

/** Kinds whose answer is one of declared options. */
const CHOICE_KINDS = new Set(["single", "multi"]);
const FREE_TEXT_KINDS = new Set(["text", "textarea"]);

/** Problems with a guide's graph and form, as sentences; empty when it is sound. */
export function validateDeclaration(guide: GuideDeclaration): string[] {
  const problems = validateGuide(guide);
  if (guide.ticketPrefix === "GEN") problems.push(`ticketPrefix "GEN" is the prefix of requests without a guide`);

  // The common fields placed by the guide must exist and be placed once.
  const placed = new Set<string>();
  for (const entry of guide.form.fields) {
    if (!isCommonRef(entry)) continue;
    if (!COMMON_FIELDS.has(entry.common)) problems.push(`form: "${entry.common}" is not a common field (${[...COMMON_FIELDS.keys()].join(", ")})`);
    else if (placed.has(entry.common)) problems.push(`form: common field "${entry.common}" is placed twice`);
    placed.add(entry.common);
  }
  if (problems.length) return problems;

  const fields = formFields(guide);
  const byKey = new Map<string, ResolvedField>();
  for (const field of fields) {
    if (byKey.has(field.key)) problems.push(`field "${field.key}": declared twice (or the name of a common field)`);
    if ((META_KEYS as readonly string[]).includes(field.key)) problems.push(`field "${field.key}": the name of a request meta field`);
    byKey.set(field.key, field);
  }

  for (const key of guide.form.incidentFields ?? []) {
    const field = byKey.get(key);
    if (!field || field.common || field.kind !== "single") problems.push(`form.incidentFields: "${key}" is not a single-choice field of this guide`);
  }

  // Answer key -> the one field it pre-fills.
  const answerField = new Map<string, ResolvedField>();
  for (const field of fields) {
    if (field.common) continue;
    problems.push(...fieldProblems(guide, field, byKey));
    if (field.prefill && "answer" in field.prefill) {
      const other = answerField.get(field.prefill.answer);
      if (other) problems.push(`field "${field.key}": answer "${field.prefill.answer}" already pre-fills field "${other.key}"`);
      else answerField.set(field.prefill.answer, field);
    }
  }

  // Every answer a choice sets is a declared field's answer, with one of its options.
  const setValues = new Map<string, Set<string>>();
  for (const [stepId, step] of Object.entries(guide.steps)) {
    for (const choice of step.choices) {
      for (const [answer, value] of Object.entries(choice.answers ?? {})) {
        if (!setValues.has(answer)) setValues.set(answer, new Set());
        setValues.get(answer)!.add(value);
        const field = answerField.get(answer);
        if (!field) {
          problems.push(`${stepId}: choice "${choice.id}" sets answer "${answer}", which no field pre-fills from`);
          continue;
        }
        if (!optionValues(field).has(value)) {
          problems.push(`${stepId}: choice "${choice.id}" sets ${answer} = "${value}", which is not an option of field "${field.key}"`);
        }
      }
    }
  }
  for (const [answer, field] of answerField) {
    if (!setValues.has(answer)) problems.push(`field "${field.key}": pre-filled from answer "${answer}", which no choice sets`);
  }

  // Conditions name real steps and answers the walk can set.
  for (const field of fields) {
    if (!Array.isArray(field.askWhen)) continue;
    for (const condition of field.askWhen) {
      if ("visited" in condition) {
        if (!Object.hasOwn(guide.steps, condition.visited)) problems.push(`field "${field.key}": askWhen visits "${condition.visited}", which is not a step`);
        continue;
      }
      const values = setValues.get(condition.answer);
      if (!values) {
        problems.push(`field "${field.key}": askWhen reads answer "${condition.answer}", which no choice sets`);
        continue;
      }
      for (const value of condition.in) {
        if (!values.has(value)) problems.push(`field "${field.key}": askWhen expects ${condition.answer} = "${value}", which no choice sets`);
      }
    }
  }
  return problems;
}

function optionValues(field: ResolvedField): Set<string> {
  return new Set((field.options ?? []).map((o) => o.value));
}

/** What one of the guide's own fields gets wrong on its own or against the fields it names. */
function fieldProblems(guide: GuideDeclaration, field: ResolvedField, byKey: Map<string, ResolvedField>): string[] {
  const problems: string[] = [];
  const at = `field "${field.key}"`;
  const choice = CHOICE_KINDS.has(field.kind);
  if (choice && !field.options?.length) problems.push(`${at}: a ${field.kind} field needs options`);
  if (!choice && field.options) problems.push(`${at}: only single and multi fields have options`);
  const seen = new Set<string>();
  for (const option of field.options ?? []) {
    if (seen.has(option.value)) problems.push(`${at}: option "${option.value}" is declared twice`);
    seen.add(option.value);
  }
  if (FREE_TEXT_KINDS.has(field.kind) && !field.maxLength) problems.push(`${at}: free text needs a maxLength`);
  if (!FREE_TEXT_KINDS.has(field.kind) && field.maxLength) problems.push(`${at}: maxLength is for text and textarea fields`);
  if (!FREE_TEXT_KINDS.has(field.kind) && field.secretCheck) problems.push(`${at}: secretCheck is for text and textarea fields`);
  if (field.kind === "multi" && !field.maxItems) problems.push(`${at}: a multi field needs maxItems`);
  if (field.kind !== "multi" && field.maxItems) problems.push(`${at}: maxItems is for multi fields`);
  if (field.kind === "file" && field.required !== "optional") problems.push(`${at}: a file is always optional (it is checked by content, not by the form schema)`);
  if (["username", "email"].includes(field.kind)) problems.push(`${at}: ${field.kind} is a common field's kind`);

  if (field.prefill) {
    if ("steps" in field.prefill && field.kind !== "multi") problems.push(`${at}: only a multi field is pre-filled with the walk's steps`);
    if ("answer" in field.prefill && field.kind !== "single") problems.push(`${at}: only a single field is pre-filled from an answer`);
  }
  if (field.required === "unless-answered-by-path" && !field.prefill) problems.push(`${at}: unless-answered-by-path needs a prefill`);
  if (field.askWhen === "never" && !(field.prefill && "answer" in field.prefill)) {
    problems.push(`${at}: a field never asked must be recorded from an answer of the walk`);
  }

  if (field.requiredWhen) {
    const { field: other, equals } = field.requiredWhen;
    const target = byKey.get(other);
    if (field.required !== "optional") problems.push(`${at}: requiredWhen is for optional fields`);
    if (!target) problems.push(`${at}: requiredWhen names "${other}", which is not a field of ${guide.id}`);
    else if (target.kind !== "single") problems.push(`${at}: requiredWhen names "${other}", which is not a single choice`);
    else if (!optionValues(target).has(equals)) problems.push(`${at}: requiredWhen expects ${other} = "${equals}", which is not one of its options`);
  }
  return problems;
}
