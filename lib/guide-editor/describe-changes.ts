// What another editor's version changed, in a few sentences for the refused form (no silent
// overwrite, docs/decisions/0018): per step, which texts and which choices, and the form.
import { isDeepStrictEqual } from "node:util";
import type { GuideDocument } from "@/lib/guide-editor/document";
import { parseStepSource } from "@/lib/guide-editor/step-source";
import { LOCALES } from "@/lib/i18n";

const LOCALE_NAME = { ja: "日本語", en: "英語" } as const;
const FIELD_NAME = { title: "タイトル", description: "説明", question: "質問", body: "本文", choices: "選択肢のラベル" } as const;

export function describeGuideChanges(before: GuideDocument, after: GuideDocument): string[] {
  const out: string[] = [];
  const a = before.declaration.steps;
  const b = after.declaration.steps;
  for (const id of Object.keys(b)) if (!Object.hasOwn(a, id)) out.push(`ステップ「${id}」が追加されました。`);
  for (const id of Object.keys(a)) if (!Object.hasOwn(b, id)) out.push(`ステップ「${id}」が削除されました。`);
  for (const id of Object.keys(b)) {
    if (!Object.hasOwn(a, id)) continue;
    const what: string[] = [];
    if (!isDeepStrictEqual(a[id].choices, b[id].choices) || Boolean(a[id].leaf) !== Boolean(b[id].leaf)) what.push("選択肢(行き先・回答)");
    for (const locale of LOCALES) {
      const x = parseStepSource(before.texts[locale]?.[id] ?? "");
      const y = parseStepSource(after.texts[locale]?.[id] ?? "");
      if (!x.ok || !y.ok) {
        if ((before.texts[locale]?.[id] ?? "") !== (after.texts[locale]?.[id] ?? "")) what.push(`${LOCALE_NAME[locale]}の本文`);
        continue;
      }
      for (const key of Object.keys(FIELD_NAME) as (keyof typeof FIELD_NAME)[]) {
        if (!isDeepStrictEqual(x.fields[key], y.fields[key])) what.push(`${LOCALE_NAME[locale]}の${FIELD_NAME[key]}`);
      }
    }
    if (what.length) out.push(`ステップ「${id}」: ${what.join("、")}`);
  }
  if (!isDeepStrictEqual(before.declaration.form, after.declaration.form)) out.push("お問い合わせフォームの項目");
  const rest = (d: GuideDocument) => ({ ...d.declaration, steps: undefined, form: undefined });
  if (!isDeepStrictEqual(rest(before), rest(after)) || before.texts.ja?.index !== after.texts.ja?.index || before.texts.en?.index !== after.texts.en?.index) {
    out.push("ガイドの紹介・一覧の設定");
  }
  return out;
}
