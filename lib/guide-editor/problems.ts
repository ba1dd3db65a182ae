// What the editor refuses, in the admin's language (decision 0005), each problem naming the step it
// is about so the page can link there. The same rules as lib/guide-graph.ts validateGuide and
// lib/guides/validate-declaration.ts (which stay the authority: whatever they report that is not
// said here is passed on, in its Japanese wording), plus the two locales' texts.
import { stepOf } from "@/lib/guide-graph";
import { formFields } from "@/lib/guides/form-fields";
import { declarationProblems } from "@/lib/guides/validate-declaration";
import type { GuideDocument } from "@/lib/guide-editor/document";
import type { EditProblem } from "@/lib/guide-editor/edit-step";
import { parseStepSource } from "@/lib/guide-editor/step-source";
import { LOCALES } from "@/lib/i18n";

export type GuideProblem = EditProblem & { stepId?: string };

const LOCALE_NAME = { ja: "日本語", en: "英語" } as const;

export function documentProblems(doc: GuideDocument): GuideProblem[] {
  const guide = doc.declaration;
  const problems: GuideProblem[] = [];
  const at = (stepId: string, message: string) => problems.push({ where: `ステップ「${stepId}」`, stepId, message });

  // Answer key -> allowed values, from the single fields that pre-fill from an answer.
  const declared = new Map<string, Set<string>>();
  let fieldsKnown = true;
  try {
    for (const field of formFields(guide)) {
      if (!field.common && field.prefill && "answer" in field.prefill) {
        declared.set(field.prefill.answer, new Set((field.options ?? []).map((o) => o.value)));
      }
    }
  } catch {
    fieldsKnown = false; // a form naming an unknown common field: validateDeclaration says so below
  }

  const seenChoice = new Map<string, string>();
  for (const [stepId, step] of Object.entries(guide.steps)) {
    for (const choice of step.choices) {
      const other = seenChoice.get(choice.id);
      if (other) at(stepId, `選択肢ID「${choice.id}」はステップ「${other}」でも使われています(IDはガイド内で一つだけにしてください)。`);
      seenChoice.set(choice.id, stepId);
      if (!stepOf(guide, choice.to)) at(stepId, `選択肢「${choice.id}」の行き先「${choice.to}」というステップはありません。`);
      for (const [key, value] of Object.entries(choice.answers ?? {})) {
        const values = declared.get(key);
        if (!fieldsKnown) continue;
        if (!values) at(stepId, `選択肢「${choice.id}」が設定する回答「${key}」は、フォームのどの項目にもありません。`);
        else if (!values.has(value)) at(stepId, `選択肢「${choice.id}」が設定する ${key} = 「${value}」は、その項目の選択肢にありません。`);
      }
    }
    if (step.contact && step.choices.length) at(stepId, "お問い合わせステップには選択肢を置けません。");
    if (!step.contact && !step.choices.length) at(stepId, "行き止まりです(選択肢がなく、お問い合わせステップでもありません)。");
    if (step.leaf && !step.choices.some((c) => c.to === guide.contactStep)) at(stepId, `解決確認のあるステップ(leaf)は、お問い合わせステップ「${guide.contactStep}」への選択肢が必要です。`);
  }
  if (!stepOf(guide, guide.start)) problems.push({ where: "ガイド", message: `最初のステップ「${guide.start}」がありません。` });

  // Reachability and cycles, only on a graph whose targets all exist (otherwise the walk is meaningless).
  if (!problems.length) {
    const reached = new Set<string>();
    const onStack = new Set<string>();
    const dfs = (stepId: string) => {
      if (onStack.has(stepId)) return at(stepId, "選択肢が循環しています(戻る道はブラウザの「戻る」と「最初からやり直す」が担います)。");
      if (reached.has(stepId)) return;
      reached.add(stepId);
      onStack.add(stepId);
      for (const choice of guide.steps[stepId].choices) dfs(choice.to);
      onStack.delete(stepId);
    };
    dfs(guide.start);
    for (const stepId of Object.keys(guide.steps)) {
      if (!reached.has(stepId)) at(stepId, `どの道順からもたどり着けません(「${guide.start}」から選択肢をたどって届きません)。`);
    }
  }

  for (const stepId of Object.keys(guide.steps)) {
    for (const locale of LOCALES) {
      const source = doc.texts[locale]?.[stepId];
      if (source === undefined) {
        at(stepId, `${LOCALE_NAME[locale]}の本文がありません。`);
        continue;
      }
      const parsed = parseStepSource(source);
      if (!parsed.ok) {
        at(stepId, `${LOCALE_NAME[locale]}: ${parsed.message}`);
        continue;
      }
      const { fields } = parsed;
      if (!fields.title.trim()) at(stepId, `${LOCALE_NAME[locale]}のタイトルが空です。`);
      if (!fields.description.trim()) at(stepId, `${LOCALE_NAME[locale]}の説明が空です。`);
      const step = guide.steps[stepId];
      if (step.choices.length && !fields.question?.trim()) at(stepId, `${LOCALE_NAME[locale]}の質問が空です(選択肢のあるステップには質問が要ります)。`);
      for (const choice of step.choices) {
        if (!fields.choices[choice.id]?.trim()) at(stepId, `選択肢「${choice.id}」の${LOCALE_NAME[locale]}のラベルが空です。`);
      }
    }
  }

  // Whatever the declaration check reports beyond the above (form fields, conditions, prefixes), in
  // its Japanese wording; its step and guide sentences only when the checks above found nothing, as a
  // safety net for a rule not mirrored here (those of the graph itself are in English only).
  const mine = problems.length;
  for (const p of declarationProblems(guide)) {
    if (p.scope === "form") problems.push({ where: "フォームの設定", message: p.ja });
    else if (mine) continue;
    else if (p.scope === "step") problems.push({ where: `ステップ「${p.stepId}」`, stepId: p.stepId, message: p.ja });
    else problems.push({ where: "ガイド", message: p.ja });
  }
  return problems;
}
