// The checks that tie a guide's form to its graph (issue 9): what the schema alone cannot say. Each
// problem is a sentence naming the step or field, so a content author can fix guide.json from it.
import { COMMON_FIELDS, META_KEYS } from "@/lib/guides/common-fields";
import { isCommonRef, type GuideDeclaration, type ResolvedField } from "@/lib/guides/declaration";
import { formFields } from "@/lib/guides/form-fields";
import { validateGuide } from "@/lib/guide-graph";

/** Kinds whose answer is one of declared options. */
const CHOICE_KINDS = new Set(["single", "multi"]);
const FREE_TEXT_KINDS = new Set(["text", "textarea"]);
/** The kinds as the guide editor's form page names them (components there use the same words). */
const KIND_JA: Record<string, string> = { text: "1行の文字", textarea: "複数行の文字", single: "一つ選ぶ", multi: "いくつでも選ぶ", datetime: "日時", file: "ファイル" };

/**
 * One problem, in English for developers (guide.json, the registry's start-up check) and in Japanese
 * for the guide editor (decision 0005), with what it is about: the form, a step (its id), or the guide.
 */
export type DeclarationProblem = { scope: "form" | "step" | "guide"; stepId?: string; en: string; ja: string };

/** Problems with a guide's graph and form, as English sentences; empty when it is sound. */
export function validateDeclaration(guide: GuideDeclaration): string[] {
  return declarationProblems(guide).map((p) => p.en);
}

/** The same problems with their scope and both wordings. */
export function declarationProblems(guide: GuideDeclaration): DeclarationProblem[] {
  // The graph's own sentences (mirrored in Japanese by the guide editor's checks, lib/guide-editor/problems.ts).
  const problems: DeclarationProblem[] = validateGuide(guide).map((en) => {
    const stepId = en.split(":")[0];
    return Object.hasOwn(guide.steps, stepId) ? { scope: "step", stepId, en, ja: en } : { scope: "guide", en, ja: en };
  });
  const form = (en: string, ja: string) => problems.push({ scope: "form", en, ja });
  if (guide.ticketPrefix === "GEN") problems.push({ scope: "guide", en: `ticketPrefix "GEN" is the prefix of requests without a guide`, ja: `受付番号の接頭辞「GEN」はガイドのないお問い合わせのものです` });

  // The common fields placed by the guide must exist and be placed once.
  const placed = new Set<string>();
  for (const entry of guide.form.fields) {
    if (!isCommonRef(entry)) continue;
    const known = [...COMMON_FIELDS.keys()].join(", ");
    if (!COMMON_FIELDS.has(entry.common)) form(`form: "${entry.common}" is not a common field (${known})`, `フォーム: 「${entry.common}」は共通項目ではありません(共通項目: ${known})`);
    else if (placed.has(entry.common)) form(`form: common field "${entry.common}" is placed twice`, `フォーム: 共通項目「${entry.common}」が二度置かれています`);
    placed.add(entry.common);
  }
  if (problems.length) return problems;

  const fields = formFields(guide);
  const byKey = new Map<string, ResolvedField>();
  for (const field of fields) {
    if (byKey.has(field.key)) form(`field "${field.key}": declared twice (or the name of a common field)`, `項目「${field.key}」: 二度宣言されています(または共通項目と同じ名前です)`);
    if ((META_KEYS as readonly string[]).includes(field.key)) form(`field "${field.key}": the name of a request meta field`, `項目「${field.key}」: お問い合わせの管理用の項目と同じ名前です`);
    byKey.set(field.key, field);
  }

  for (const key of guide.form.incidentFields ?? []) {
    const field = byKey.get(key);
    if (!field || field.common || field.kind !== "single") {
      form(`form.incidentFields: "${key}" is not a single-choice field of this guide`, `障害の手がかりにする項目「${key}」は、このガイドの「一つ選ぶ」項目ではありません`);
    }
  }

  // Answer key -> the one field it pre-fills.
  const answerField = new Map<string, ResolvedField>();
  for (const field of fields) {
    if (field.common) continue;
    problems.push(...fieldProblems(guide, field, byKey));
    if (field.prefill && "answer" in field.prefill) {
      const other = answerField.get(field.prefill.answer);
      const answer = field.prefill.answer;
      if (other) form(`field "${field.key}": answer "${answer}" already pre-fills field "${other.key}"`, `項目「${field.key}」: 回答「${answer}」はすでに項目「${other.key}」に入ります`);
      else answerField.set(answer, field);
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
          problems.push({
            scope: "step",
            stepId,
            en: `${stepId}: choice "${choice.id}" sets answer "${answer}", which no field pre-fills from`,
            ja: `選択肢「${choice.id}」が設定する回答「${answer}」は、フォームのどの項目にも入りません`,
          });
          continue;
        }
        if (!optionValues(field).has(value)) {
          problems.push({
            scope: "step",
            stepId,
            en: `${stepId}: choice "${choice.id}" sets ${answer} = "${value}", which is not an option of field "${field.key}"`,
            ja: `選択肢「${choice.id}」が設定する ${answer} = 「${value}」は、項目「${field.key}」の選択肢にありません`,
          });
        }
      }
    }
  }
  for (const [answer, field] of answerField) {
    if (!setValues.has(answer)) form(`field "${field.key}": pre-filled from answer "${answer}", which no choice sets`, `項目「${field.key}」: 回答「${answer}」から入る設定ですが、その回答を設定する選択肢がありません`);
  }

  // Conditions name real steps and answers the walk can set.
  for (const field of fields) {
    if (!Array.isArray(field.askWhen)) continue;
    for (const condition of field.askWhen) {
      if ("visited" in condition) {
        if (!Object.hasOwn(guide.steps, condition.visited)) {
          form(`field "${field.key}": askWhen visits "${condition.visited}", which is not a step`, `項目「${field.key}」: 尋ねる条件のステップ「${condition.visited}」はありません`);
        }
        continue;
      }
      const values = setValues.get(condition.answer);
      if (!values) {
        form(`field "${field.key}": askWhen reads answer "${condition.answer}", which no choice sets`, `項目「${field.key}」: 尋ねる条件の回答「${condition.answer}」を設定する選択肢がありません`);
        continue;
      }
      for (const value of condition.in) {
        if (!values.has(value)) {
          form(`field "${field.key}": askWhen expects ${condition.answer} = "${value}", which no choice sets`, `項目「${field.key}」: 尋ねる条件 ${condition.answer} = 「${value}」を設定する選択肢がありません`);
        }
      }
    }
  }
  return problems;
}

function optionValues(field: ResolvedField): Set<string> {
  return new Set((field.options ?? []).map((o) => o.value));
}

/** What one of the guide's own fields gets wrong on its own or against the fields it names. */
function fieldProblems(guide: GuideDeclaration, field: ResolvedField, byKey: Map<string, ResolvedField>): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const say = (en: string, ja: string) => problems.push({ scope: "form", en: `field "${field.key}": ${en}`, ja: `項目「${field.key}」: ${ja}` });
  const kindJa = KIND_JA[field.kind] ?? field.kind;
  const choice = CHOICE_KINDS.has(field.kind);
  if (choice && !field.options?.length) say(`a ${field.kind} field needs options`, `「${kindJa}」の項目には選択肢が要ります`);
  if (!choice && field.options) say(`only single and multi fields have options`, `選択肢を持てるのは「一つ選ぶ」「いくつでも選ぶ」の項目だけです`);
  const seen = new Set<string>();
  for (const option of field.options ?? []) {
    if (seen.has(option.value)) say(`option "${option.value}" is declared twice`, `選択肢の値「${option.value}」が二度あります`);
    seen.add(option.value);
  }
  if (FREE_TEXT_KINDS.has(field.kind) && !field.maxLength) say(`free text needs a maxLength`, `文字の項目には最大文字数が要ります`);
  if (!FREE_TEXT_KINDS.has(field.kind) && field.maxLength) say(`maxLength is for text and textarea fields`, `最大文字数は文字の項目だけに設定できます`);
  if (!FREE_TEXT_KINDS.has(field.kind) && field.secretCheck) say(`secretCheck is for text and textarea fields`, `パスワードの書き込み確認は文字の項目だけに設定できます`);
  if (field.kind === "multi" && !field.maxItems) say(`a multi field needs maxItems`, `「いくつでも選ぶ」の項目には選べる数の上限が要ります`);
  if (field.kind !== "multi" && field.maxItems) say(`maxItems is for multi fields`, `選べる数の上限は「いくつでも選ぶ」の項目だけに設定できます`);
  if (field.kind === "file" && field.required !== "optional") {
    say(`a file is always optional (it is checked by content, not by the form schema)`, `ファイルの項目はいつも任意です(中身はフォームではなく受け取った後に確かめます)`);
  }
  if (["username", "email"].includes(field.kind)) say(`${field.kind} is a common field's kind`, `種類「${field.kind}」は共通項目のものです`);

  if (field.prefill) {
    if ("steps" in field.prefill && field.kind !== "multi") say(`only a multi field is pre-filled with the walk's steps`, `たどったステップが入るのは「いくつでも選ぶ」の項目だけです`);
    if ("answer" in field.prefill && field.kind !== "single") say(`only a single field is pre-filled from an answer`, `ガイドの回答が入るのは「一つ選ぶ」の項目だけです`);
  }
  if (field.required === "unless-answered-by-path" && !field.prefill) {
    say(`unless-answered-by-path needs a prefill`, `「ガイドの回答がないときだけ必須」には、ガイドの回答が入る設定が要ります`);
  }
  if (field.askWhen === "never" && !(field.prefill && "answer" in field.prefill)) {
    say(`a field never asked must be recorded from an answer of the walk`, `尋ねない項目は、ガイドの回答から記録される必要があります`);
  }

  if (field.requiredWhen) {
    const { field: other, equals } = field.requiredWhen;
    const target = byKey.get(other);
    if (field.required !== "optional") say(`requiredWhen is for optional fields`, `「ほかの項目しだいで必須」は任意の項目だけに設定できます`);
    if (!target) say(`requiredWhen names "${other}", which is not a field of ${guide.id}`, `必須にする条件の項目「${other}」はこのガイドにありません`);
    else if (target.kind !== "single") say(`requiredWhen names "${other}", which is not a single choice`, `必須にする条件の項目「${other}」は「一つ選ぶ」の項目ではありません`);
    else if (!optionValues(target).has(equals)) say(`requiredWhen expects ${other} = "${equals}", which is not one of its options`, `必須にする条件 ${other} = 「${equals}」は、その項目の選択肢にありません`);
  }
  return problems;
}
