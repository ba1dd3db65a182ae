// A ticket's own answers (issue 9, docs/decisions/0015): the values of its guide's declared fields,
// stored in Ticket.answers by field key, and read back with the declaration's labels. The common
// fields (name, username, ...) are Ticket columns and never appear here.
import type { GuideDeclaration, ResolvedField } from "@/lib/guides/declaration";
import { formFields } from "@/lib/guides/form-fields";
import type { Locale } from "@/lib/i18n";

export type Answers = Record<string, string | string[]>;

/** The guide's own fields (common fields and files aside), in page order. */
export function answerFields(guide: Pick<GuideDeclaration, "form"> | null): ResolvedField[] {
  return formFields(guide).filter((f) => !f.common && f.kind !== "file");
}

/**
 * What a parsed request stores in Ticket.answers: each own field's value; a field recorded from the
 * walk alone (askWhen "never") from the walk; the text of an "other" choice only when that choice
 * was made (a stale text behind another choice would mislead staff).
 */
export function answersFromRequest(
  form: Pick<GuideDeclaration, "form"> | null,
  data: Record<string, unknown>,
  walkAnswers: Record<string, string>,
): Answers {
  const out: Answers = {};
  for (const field of answerFields(form)) {
    const fromWalk = field.prefill && "answer" in field.prefill && Object.hasOwn(walkAnswers, field.prefill.answer) ? walkAnswers[field.prefill.answer] : undefined;
    const value = field.askWhen === "never" ? fromWalk : data[field.key];
    if (field.requiredWhen && data[field.requiredWhen.field] !== field.requiredWhen.equals) continue;
    if (typeof value === "string" && value !== "") out[field.key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) out[field.key] = value as string[];
  }
  return out;
}

/**
 * The problems of answers against a declaration (empty: they fit): every key a declared field, every
 * choice one of its options (a multi "steps" field may also name the guide's steps). Checked on every
 * write, so Ticket.answers never holds a value no label or filter knows.
 */
export function answerProblems(guide: GuideDeclaration | null, form: Pick<GuideDeclaration, "form"> | null, answers: Answers): string[] {
  const fields = new Map(answerFields(form).map((f) => [f.key, f]));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const field = fields.get(key);
    if (!field) {
      problems.push(`${key} is not a field of this form`);
      continue;
    }
    const options = new Set((field.options ?? []).map((o) => o.value));
    if (field.kind === "single" && (typeof value !== "string" || !options.has(value))) problems.push(`${key}: ${String(value)} is not an option`);
    if (field.kind === "multi") {
      if (field.prefill && "steps" in field.prefill && guide) for (const step of Object.keys(guide.steps)) options.add(step);
      if (!Array.isArray(value) || value.some((v) => !options.has(v))) problems.push(`${key}: ${String(value)} holds a value that is not an option`);
    }
    if (["text", "textarea", "datetime", "username", "email"].includes(field.kind) && typeof value !== "string") problems.push(`${key} is not text`);
  }
  return problems;
}

/** An option's label in `locale`, or the value itself when the declaration no longer has it. */
export function optionLabel(field: Pick<ResolvedField, "options"> | undefined, value: string, locale: Locale): string {
  return field?.options?.find((o) => o.value === value)?.label[locale] ?? value;
}

/**
 * Answers as label/value rows for people (confirmation, mail, staff detail), in the form's order.
 * `stepTitle` names a step a "steps" field holds; keys no longer declared come last, as stored.
 */
export function describeAnswers(
  form: Pick<GuideDeclaration, "form"> | null,
  answers: Answers,
  locale: Locale,
  stepTitle: (stepId: string) => string | null = () => null,
): { key: string; label: string; value: string }[] {
  const rows: { key: string; label: string; value: string }[] = [];
  const fields = answerFields(form);
  const seen = new Set<string>();
  for (const field of fields) {
    seen.add(field.key);
    if (!Object.hasOwn(answers, field.key)) continue;
    const raw = answers[field.key];
    const values = Array.isArray(raw) ? raw : [raw];
    if (!values.length) continue;
    const shown = values.map((v) => (field.options?.some((o) => o.value === v) ? optionLabel(field, v, locale) : (stepTitle(v) ?? v)));
    rows.push({ key: field.key, label: field.label[locale], value: shown.join(" / ") });
  }
  for (const [key, raw] of Object.entries(answers)) {
    if (seen.has(key)) continue;
    rows.push({ key, label: key, value: Array.isArray(raw) ? raw.join(" / ") : String(raw) });
  }
  return rows;
}

/** Stored JSON as answers: anything else (a hand-edited row) is left out rather than trusted. */
export function readAnswers(json: unknown): Answers {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const out: Answers = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}
