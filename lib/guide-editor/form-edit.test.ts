import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GuideDeclarationSchema } from "@/lib/guides/declaration";
import { applyFormEdit, answerFieldsOf, parseOptionLines, type FieldEdit } from "@/lib/guide-editor/form-edit";
import { documentProblems } from "@/lib/guide-editor/problems";

const guide = GuideDeclarationSchema.parse(JSON.parse(readFileSync(path.join(process.cwd(), "content/guides/password/guide.json"), "utf8")));
const unchanged = (): FieldEdit[] =>
  guide.form.fields.map((f) => ({ label: f.label ?? { ja: "x", en: "x" }, ...("options" in f && f.options ? { options: f.options.map((o) => o.label) } : {}) }));
const texts = { ja: {}, en: {} };
const declarationProblems = (declaration: typeof guide) => documentProblems({ declaration, texts }).filter((p) => !p.message.includes("本文がありません"));

describe("editing the guide's form fields", () => {
  it("offers the answers choices may set, with their options", () => {
    expect(answerFieldsOf(guide).map((f) => [f.key, f.options.map((o) => o.value)])).toEqual([
      ["situation", ["forgot", "changed-recently", "rejected"]],
      ["resetAddress", ["registered", "not-registered", "unknown"]],
    ]);
  });

  it("changes labels and required flags, appends an option and adds a field of an existing kind", () => {
    const fields = unchanged();
    fields[1] = { ...fields[1], label: { ja: "いまの状況", en: "Your situation" }, required: "always", newOption: { value: "other", label: { ja: "その他", en: "Other" } } };
    const { declaration, problems } = applyFormEdit(guide, {
      fields,
      newField: { key: "browserName", kind: "text", label: { ja: "ブラウザ", en: "Browser" }, required: "optional", options: [] },
    });
    expect(problems).toEqual([]);
    expect(declaration.form.fields[1]).toMatchObject({ key: "situation", label: { ja: "いまの状況" }, required: "always" });
    expect((declaration.form.fields[1] as { options: { value: string }[] }).options.map((o) => o.value)).toContain("other");
    expect(declaration.form.fields.at(-1)).toMatchObject({ key: "browserName", kind: "text", maxLength: 200 });
    expect(declarationProblems(declaration)).toEqual([]);
  });

  it("refuses an empty label, and passes on what validate-declaration refuses (a key taken by a common field)", () => {
    const fields = unchanged();
    fields[0] = { label: { ja: "", en: "When" } };
    expect(applyFormEdit(guide, { fields }).problems).toEqual([{ where: "項目「failedAt」", message: expect.stringContaining("両方") }]);

    const { declaration, problems } = applyFormEdit(guide, { fields: unchanged(), newField: { key: "email", kind: "text", label: { ja: "メール", en: "Mail" }, required: "optional", options: [] } });
    expect(problems).toEqual([]);
    // In the admin's language (decision 0005), as every other problem the editor shows.
    expect(declarationProblems(declaration)).toEqual([{ where: "フォームの設定", message: "項目「email」: 二度宣言されています(または共通項目と同じ名前です)" }]);
  });

  it("reads option lines and names the bad line", () => {
    expect(parseOptionLines("a: あ / A\n\nBad line")).toEqual({ options: [{ value: "a", label: { ja: "あ", en: "A" } }], problems: [expect.stringContaining("3行目")] });
  });
});
