import { describe, expect, it } from "vitest";
import { parseStepForm, rebaseStepValues } from "@/lib/guide-editor/step-form";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

const texts = (body: string, enBody = "en") => ({
  ja: { title: "T", description: "D", question: "Q", body },
  en: { title: "T", description: "D", question: "Q", body: enBody },
});

describe("the step form's fields", () => {
  it("reads texts, rows and answers, skipping the blank row, and names the row of a bad new step", () => {
    const parsed = parseStepForm(
      form({
        base: "3", "ja.title": " タイトル ", "ja.body": "本文\r\n", "c.0.id": "a", "c.0.to": "x", "c.0.label.ja": "あ", "c.0.label.en": "A", "c.0.answer.situation": "forgot", "c.0.answer.other": "",
        "c.1.id": "", "c.1.to": "__new", "c.1.label.ja": "い", "c.1.label.en": "I", "c.1.new.id": "Bad Id", "c.1.new.title.ja": "新", "c.1.new.title.en": "New",
        "c.2.id": "", "c.2.to": "", "c.2.label.ja": "", "c.2.label.en": "",
      }),
    );
    expect(parsed.base).toBe(3);
    expect(parsed.values.texts.ja).toMatchObject({ title: "タイトル", body: "本文\r\n" });
    expect(parsed.values.choices).toHaveLength(2);
    expect(parsed.values.choices[0].answers).toEqual({ situation: "forgot" });
    expect(parsed.problems).toEqual([{ where: "選択肢 2", message: expect.stringContaining("新しいステップのID") }]);
  });

  it("refuses a form without a base version", () => {
    expect(parseStepForm(form({ base: "x" })).problems).toEqual([{ where: "入力", message: expect.stringContaining("元にした版") }]);
  });

  it("after a conflict, keeps what the editor changed and takes the other's version of the rest", () => {
    const choice = { id: "a", to: "x", label: { ja: "あ", en: "A" }, answers: {} };
    const base = { texts: texts("元", "old en"), leaf: false, choices: [choice] };
    const head = { texts: texts("元", "other's en"), leaf: true, choices: [{ ...choice, to: "y" }] };
    const mine = { texts: texts("わたしの本文", "old en\r\n"), leaf: false, removeOrphans: false, note: "", choices: [choice] };
    const rebased = rebaseStepValues(mine, base, head);
    expect(rebased.texts.ja.body).toBe("わたしの本文");
    expect(rebased.texts.en.body).toBe("other's en");
    expect(rebased.leaf).toBe(true);
    expect(rebased.choices[0].to).toBe("y");
  });
});
