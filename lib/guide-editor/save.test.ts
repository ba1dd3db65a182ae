// The guide editor's use cases against the real PostgreSQL and part content's store: a step edit is a
// new draft version; an edit that breaks the guide, unsafe MDX and a stale base are refused with
// what the editor needs to see; publishing needs the version whose impact was shown.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readContentDir, type GuideDocument } from "@/lib/content/documents";
import { createItem } from "@/lib/content-store/create-item";
import { getItem } from "@/lib/data/content";
import { applyStepEdit, stepFormValues, type StepEditInput } from "@/lib/guide-editor/edit-step";
import { fromStoreProblem, publishGuideDraft, saveGuideEdit } from "@/lib/guide-editor/save";
import { parseStepSource } from "@/lib/guide-editor/step-source";
import { createStaff } from "@/lib/testing/factories";

async function newGuide(actorId: string) {
  const key = `ed-${randomUUID().slice(0, 8)}`;
  const doc = structuredClone(readContentDir(`${process.cwd()}/content`).guide.password) as GuideDocument;
  doc.declaration.id = key;
  await createItem({ kind: "guide", key, data: doc, actorId });
  return key;
}

function unchanged(doc: GuideDocument, stepId: string): StepEditInput {
  const v = stepFormValues(doc, stepId)!;
  return { texts: v.texts, leaf: v.leaf, removeOrphans: false, choices: v.choices.map((c) => ({ id: c.id, to: c.to, label: c.label, answers: c.answers })) };
}

const edit = (stepId: string, change: (input: StepEditInput) => void) => (doc: GuideDocument) => {
  const input = unchanged(doc, stepId);
  change(input);
  return applyStepEdit(doc, stepId, input);
};

describe("saving a step", () => {
  it("stores the edit as the next version; a stale base is refused with who changed what", async () => {
    const { user: a } = await createStaff({ role: "editor", name: "編集 A" });
    const { user: b } = await createStaff({ role: "editor", name: "編集 B" });
    const key = await newGuide(a.id);

    const saved = await saveGuideEdit(a, key, 1, "A の変更", edit("self-reset", (i) => (i.texts.en.body = "A's body")));
    expect(saved).toMatchObject({ ok: true, number: 2 });
    const head = (await getItem("guide", key))!.head!;
    const en = parseStepSource((head.data as GuideDocument).texts.en["self-reset"]);
    expect(en.ok && en.fields.body).toBe("A's body");
    expect(head.note).toBe("A の変更");

    // B opened version 1 too.
    const refused = await saveGuideEdit(b, key, 1, "", edit("self-reset", (i) => (i.texts.ja.title = "B")));
    expect(refused).toMatchObject({ ok: false, reason: "conflict", head: 2 });
    if (refused.ok || refused.reason !== "conflict") return;
    expect(refused.changes[0]).toMatch(/^第2版: .* 編集 A「A の変更」$/);
    expect(refused.changes).toContain("ステップ「self-reset」: 英語の本文");
    expect((await getItem("guide", key))!.headNumber).toBe(2);
  });

  it("refuses an edit that leaves a step unreachable or writes an MDX expression, naming the step; saves nothing", async () => {
    const { user } = await createStaff({ role: "editor" });
    const key = await newGuide(user.id);
    const unreachable = await saveGuideEdit(user, key, 1, "", edit("reset-address", (i) => (i.choices = i.choices.filter((c) => c.to !== "reception"))));
    expect(unreachable).toMatchObject({ ok: false, reason: "invalid", problems: [expect.objectContaining({ stepId: "reception" })] });

    const expression = await saveGuideEdit(user, key, 1, "", edit("self-reset", (i) => (i.texts.en.body = "Two is {1+1}.")));
    expect(expression).toMatchObject({ ok: false, reason: "invalid" });
    if (expression.ok || expression.reason === "conflict") return;
    expect(expression.problems).toEqual([expect.objectContaining({ stepId: "self-reset", where: "ステップ「self-reset」(英語)", message: expect.stringContaining("{ } の式は使えません") })]);
    expect((await getItem("guide", key))!.headNumber).toBe(1);
  });

  it("publishes only the version whose impact was shown", async () => {
    const { user } = await createStaff({ role: "editor" });
    const key = await newGuide(user.id);
    await saveGuideEdit(user, key, 1, "", edit("self-reset", (i) => (i.texts.ja.title = "新しいタイトル")));
    expect(await publishGuideDraft(user, key, 1)).toMatchObject({ ok: false, reason: "conflict", head: 2 });
    expect((await getItem("guide", key))!.liveVersionId).toBeNull();
  });
});

describe("the store's problems", () => {
  it("name the step and language the editor links to", () => {
    expect(fromStoreProblem({ where: "step1-2 (en)", message: "本文がありません" })).toEqual({ where: "ステップ「step1-2」(英語)", stepId: "step1-2", message: "本文がありません" });
    expect(fromStoreProblem({ where: "index (ja)", message: "x" })).toEqual({ where: "index (ja)", message: "x" });
  });
});
