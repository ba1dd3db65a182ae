// The step form's fields (names are the form's contract with the page): per locale `ja.title` …
// `en.body`, `leaf`, `removeOrphans`, `note`, `base`, and per choice row i `c.i.id`, `c.i.to`,
// `c.i.label.ja`, `c.i.label.en`, `c.i.remove`, `c.i.answer.<key>`, and for a new step `c.i.new.id`,
// `c.i.new.title.ja`, `c.i.new.title.en`. Everything typed comes back in `values`, even when refused.
import { NEW_STEP } from "@/lib/guide-editor/edit-step";
import type { GuideProblem } from "@/lib/guide-editor/problems";

type Localized = { ja: string; en: string };
export type StepFormChoice = {
  id: string;
  to: string;
  label: Localized;
  answers: Record<string, string>;
  newStep?: { id: string; title: Localized };
  remove?: boolean;
};
export type ParsedStepForm = {
  base: number;
  note: string;
  values: {
    texts: Record<"ja" | "en", { title: string; description: string; question: string; body: string }>;
    leaf: boolean;
    removeOrphans: boolean;
    choices: StepFormChoice[];
    note: string;
  };
  problems: GuideProblem[];
};

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ROWS = 40;
const LIMITS = { title: 200, description: 500, question: 300, body: 50_000, label: 300, note: 500 } as const;

export function parseStepForm(form: FormData): ParsedStepForm {
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const problems: GuideProblem[] = [];
  const where = "入力";
  const limit = (value: string, max: number, what: string) => {
    if (value.length > max) problems.push({ where, message: `${what}は${max}文字以内にしてください(いま${value.length}文字)。` });
    return value;
  };
  const texts = {} as ParsedStepForm["values"]["texts"];
  for (const locale of ["ja", "en"] as const) {
    const name = locale === "ja" ? "日本語" : "英語";
    texts[locale] = {
      title: limit(str(`${locale}.title`).trim(), LIMITS.title, `${name}のタイトル`),
      description: limit(str(`${locale}.description`).trim(), LIMITS.description, `${name}の説明`),
      question: limit(str(`${locale}.question`).trim(), LIMITS.question, `${name}の質問`),
      body: limit(str(`${locale}.body`), LIMITS.body, `${name}の本文`),
    };
  }
  const choices: StepFormChoice[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const p = `c.${i}.`;
    if (!form.has(`${p}to`)) continue;
    const row: StepFormChoice = {
      id: str(`${p}id`).trim(),
      to: str(`${p}to`).trim(),
      label: { ja: limit(str(`${p}label.ja`).trim(), LIMITS.label, "選択肢のラベル"), en: limit(str(`${p}label.en`).trim(), LIMITS.label, "選択肢のラベル") },
      answers: {},
      remove: form.get(`${p}remove`) === "on",
    };
    for (const [name, value] of form.entries()) {
      if (name.startsWith(`${p}answer.`) && typeof value === "string" && value) row.answers[name.slice(`${p}answer.`.length)] = value;
    }
    if (row.to === NEW_STEP) {
      row.newStep = { id: str(`${p}new.id`).trim(), title: { ja: str(`${p}new.title.ja`).trim(), en: str(`${p}new.title.en`).trim() } };
    }
    // The empty row the form always offers: nothing chosen, nothing typed.
    const blank = !row.id && !row.to && !row.label.ja && !row.label.en;
    if (blank) continue;
    choices.push(row);
    if (row.remove) continue;
    const n = `選択肢 ${choices.length}`;
    if (row.id && !ID.test(row.id)) problems.push({ where: n, message: "選択肢IDが正しくありません。" });
    if (!row.to) problems.push({ where: n, message: "行き先のステップを選んでください。" });
    if (!row.label.ja || !row.label.en) problems.push({ where: n, message: "ラベルを日本語と英語の両方で入力してください。" });
    if (row.newStep) {
      if (!ID.test(row.newStep.id)) problems.push({ where: n, message: "新しいステップのIDは半角英小文字・数字・ハイフンで入力してください(例: mail-check)。" });
      if (!row.newStep.title.ja || !row.newStep.title.en) problems.push({ where: n, message: "新しいステップのタイトルを日本語と英語の両方で入力してください。" });
    }
    for (const [key, value] of Object.entries(row.answers)) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(key) || !ID.test(value)) problems.push({ where: n, message: `回答「${key}」の値が正しくありません。` });
    }
  }
  const baseText = str("base");
  const base = /^\d{1,9}$/.test(baseText) ? Number(baseText) : -1;
  if (base < 0) problems.push({ where, message: "元にした版がわかりません。ページを読み込み直してください。" });
  const note = limit(str("note").trim(), LIMITS.note, "保存メモ");
  return {
    base,
    note,
    values: { texts, leaf: form.get("leaf") === "on", removeOrphans: form.get("removeOrphans") === "on", choices, note },
    problems,
  };
}

type FormValues = ParsedStepForm["values"];
type StoredValues = Pick<FormValues, "texts" | "leaf"> & { choices: StepFormChoice[] };

const sameChoices = (a: StepFormChoice[], b: StepFormChoice[]) => {
  const key = (c: StepFormChoice) => JSON.stringify([c.id, c.to, c.label.ja, c.label.en, Object.entries(c.answers).sort(), Boolean(c.remove), c.newStep ?? null]);
  return a.length === b.length && a.every((c, i) => key(c) === key(b[i]));
};
// Line ends and blank lines around a body are how browsers and files differ, not what was typed.
const plain = (t: string) => t.replace(/\r\n?/g, "\n").replace(/^\n+|\s+$/g, "");
const sameText = (a: string, b: string) => plain(a) === plain(b);

/**
 * A refused form moved onto the newest version: what the editor left as it was on the base takes the
 * newest version's value, what they changed stays theirs. Saving it again then applies only their own
 * changes, never silently reverting the other editor's.
 */
export function rebaseStepValues(mine: FormValues, base: StoredValues, head: StoredValues): FormValues {
  const texts = structuredClone(mine.texts);
  for (const locale of ["ja", "en"] as const) {
    for (const field of ["title", "description", "question", "body"] as const) {
      if (sameText(mine.texts[locale][field], base.texts[locale][field])) texts[locale][field] = head.texts[locale][field];
    }
  }
  return {
    ...mine,
    texts,
    leaf: mine.leaf === base.leaf ? head.leaf : mine.leaf,
    choices: sameChoices(mine.choices, base.choices) ? head.choices : mine.choices,
  };
}
