// How the step form maps onto the guide document (docs/decisions/0026): one save changes one step's
// graph entry and its two .mdx sources, may create steps its choices lead to, and may drop the steps
// a removed choice left unreachable. Pure: the caller validates the result and stores it as a draft.
import { stepOf } from "@/lib/guide-graph";
import type { GuideDocument } from "@/lib/guide-editor/document";
import { parseStepSource, serializeStepSource, bodyFromForm, type StepFields } from "@/lib/guide-editor/step-source";
import { LOCALES, type Locale } from "@/lib/i18n";

export type Localized = Record<Locale, string>;

export type ChoiceInput = {
  /** The choice's id; empty for a new choice (then made from the target). */
  id: string;
  label: Localized;
  /** An existing step id, or NEW_STEP. */
  to: string;
  /** When `to` is NEW_STEP: the step this save creates. */
  newStep?: { id: string; title: Localized };
  /** answer key -> value; only keys the form declares (the caller checks against the declaration). */
  answers: Record<string, string>;
};

export type StepTextInput = { title: string; description: string; question: string; body: string };

export type StepEditInput = {
  texts: Record<Locale, StepTextInput>;
  leaf: boolean;
  choices: ChoiceInput[];
  /** Delete the steps that no walk reaches after this edit (what a removed choice led to). */
  removeOrphans: boolean;
};

export const NEW_STEP = "__new";

/** What a created step says until an editor writes it: a leaf whose way on is the contact step. */
const NEW_STEP_TEXT = {
  ja: { question: "解決しない場合は、次へ進んでください。", wayOn: "いいえ、解決しない(お問い合わせへ)" },
  en: { question: "If this does not solve it, go on.", wayOn: "No, not solved (go to the contact form)" },
} as const;

export type EditProblem = { where: string; message: string };

function fieldsOf(doc: GuideDocument, locale: Locale, stepId: string): StepFields {
  const source = doc.texts[locale]?.[stepId];
  const parsed = source === undefined ? null : parseStepSource(source);
  return parsed?.ok ? parsed.fields : { title: "", description: "", choices: {}, body: "" };
}

function choiceIdsOf(doc: GuideDocument): Set<string> {
  return new Set(Object.values(doc.declaration.steps).flatMap((s) => s.choices.map((c) => c.id)));
}

/** A free choice id from a base, with -2, -3, ... when taken. */
function freeId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Steps reachable from the start, plus the contact step, which an edit never removes. */
export function reachableSteps(doc: GuideDocument): Set<string> {
  const { declaration: guide } = doc;
  const reached = new Set<string>([guide.start]);
  const queue = [guide.start];
  for (let i = 0; i < queue.length; i++) {
    for (const c of stepOf(guide, queue[i])?.choices ?? []) {
      if (reached.has(c.to)) continue;
      reached.add(c.to);
      queue.push(c.to);
    }
  }
  reached.add(guide.contactStep);
  return reached;
}

/**
 * The document after the step form's save, or the problems that stop the edit itself from making
 * sense (a new step whose id is taken, a choice to itself). Graph and text problems of the result are
 * the validator's job, so the editor shows them all at once with the step they concern.
 */
export function applyStepEdit(doc: GuideDocument, stepId: string, input: StepEditInput): { doc: GuideDocument; problems: EditProblem[]; created: string[]; removed: string[] } {
  const next: GuideDocument = structuredClone(doc);
  const guide = next.declaration;
  const problems: EditProblem[] = [];
  const step = stepOf(guide, stepId);
  if (!step) return { doc, problems: [{ where: stepId, message: "このステップはありません。" }], created: [], removed: [] };

  const takenChoiceIds = choiceIdsOf(doc);
  for (const c of step.choices) takenChoiceIds.delete(c.id);
  const created: string[] = [];
  const choices: typeof step.choices = [];
  const labels: Record<Locale, Record<string, string>> = { ja: {}, en: {} };

  for (const [index, input_] of input.choices.entries()) {
    const where = `${stepId} の選択肢 ${index + 1}`;
    let to = input_.to;
    if (to === NEW_STEP) {
      const fresh = input_.newStep;
      if (!fresh) {
        problems.push({ where, message: "新しいステップのIDを入力してください。" });
        continue;
      }
      if (Object.hasOwn(guide.steps, fresh.id)) {
        problems.push({ where, message: `ステップID「${fresh.id}」はすでにあります。既存のステップを選ぶか、別のIDにしてください。` });
        continue;
      }
      to = fresh.id;
      created.push(to);
      const wayOn = freeId(`${to}-still-failing`, takenChoiceIds);
      guide.steps[to] = { label: to, leaf: true, choices: [{ id: wayOn, to: guide.contactStep }] };
      for (const locale of LOCALES) {
        next.texts[locale] ??= {};
        next.texts[locale][to] = serializeStepSource({
          title: fresh.title[locale],
          description: fresh.title[locale],
          question: NEW_STEP_TEXT[locale].question,
          choices: { [wayOn]: NEW_STEP_TEXT[locale].wayOn },
          body: "",
        });
      }
    }
    if (to === stepId) {
      problems.push({ where, message: "選択肢の行き先を、このステップ自身にはできません。" });
      continue;
    }
    const id = input_.id || freeId(`${stepId}-${to}`, takenChoiceIds);
    if (input_.id) {
      if (takenChoiceIds.has(input_.id)) problems.push({ where, message: `選択肢ID「${input_.id}」はこのガイドで使われています。` });
      takenChoiceIds.add(input_.id);
    }
    const answers = Object.fromEntries(Object.entries(input_.answers).filter(([, v]) => v));
    choices.push({ id, to, ...(Object.keys(answers).length ? { answers } : {}) });
    for (const locale of LOCALES) labels[locale][id] = input_.label[locale];
  }

  guide.steps[stepId] = { ...step, choices };
  if (input.leaf) guide.steps[stepId].leaf = true;
  else delete guide.steps[stepId].leaf;

  for (const locale of LOCALES) {
    const before = fieldsOf(doc, locale, stepId);
    const typed = input.texts[locale];
    next.texts[locale] ??= {};
    next.texts[locale][stepId] = serializeStepSource({
      title: typed.title,
      description: typed.description,
      ...(typed.question || choices.length ? { question: typed.question } : {}),
      choices: labels[locale],
      body: bodyFromForm(typed.body, before.body),
    });
  }

  const removed: string[] = [];
  if (input.removeOrphans) {
    const reached = reachableSteps(next);
    for (const id of Object.keys(guide.steps)) {
      if (reached.has(id)) continue;
      removed.push(id);
      delete guide.steps[id];
      for (const locale of LOCALES) delete next.texts[locale]?.[id];
    }
  }
  return { doc: next, problems, created, removed };
}

/** The step's current form values, for the edit page. */
export function stepFormValues(doc: GuideDocument, stepId: string) {
  const step = stepOf(doc.declaration, stepId);
  if (!step) return null;
  const ja = fieldsOf(doc, "ja", stepId);
  const en = fieldsOf(doc, "en", stepId);
  const text = (f: StepFields): StepTextInput => ({ title: f.title, description: f.description, question: f.question ?? "", body: f.body.replace(/^\n+/, "") });
  return {
    leaf: Boolean(step.leaf),
    contact: Boolean(step.contact),
    texts: { ja: text(ja), en: text(en) },
    choices: step.choices.map((c) => ({ id: c.id, to: c.to, label: { ja: ja.choices[c.id] ?? "", en: en.choices[c.id] ?? "" }, answers: { ...(c.answers ?? {}) } })),
  };
}
