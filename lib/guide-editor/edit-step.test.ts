import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GuideDeclarationSchema } from "@/lib/guides/declaration";
import type { GuideDocument } from "@/lib/guide-editor/document";
import { applyStepEdit, NEW_STEP, stepFormValues, type StepEditInput } from "@/lib/guide-editor/edit-step";
import { graphImpact, nearestSurvivingWalk } from "@/lib/guide-editor/impact";
import { layoutGuideMap, wrapText } from "@/lib/guide-editor/map-layout";
import { documentProblems } from "@/lib/guide-editor/problems";
import { parseStepSource } from "@/lib/guide-editor/step-source";

/** A guide of content/ as the document part content stores, read straight from the files. */
function loadDocument(guideId: string): GuideDocument {
  const dir = path.join(process.cwd(), "content", "guides", guideId);
  const declaration = GuideDeclarationSchema.parse(JSON.parse(readFileSync(path.join(dir, "guide.json"), "utf8")));
  const texts = { ja: {} as Record<string, string>, en: {} as Record<string, string> };
  for (const locale of ["ja", "en"] as const) {
    for (const id of ["index", ...Object.keys(declaration.steps)]) texts[locale][id] = readFileSync(path.join(dir, locale, `${id}.mdx`), "utf8");
  }
  return { declaration, texts };
}

/** The edit form as it would post the step unchanged. */
function unchanged(doc: GuideDocument, stepId: string): StepEditInput {
  const v = stepFormValues(doc, stepId)!;
  return { texts: v.texts, leaf: v.leaf, removeOrphans: false, choices: v.choices.map((c) => ({ id: c.id, to: c.to, label: c.label, answers: c.answers })) };
}

describe("the step form on the guide document", () => {
  const doc = loadDocument("password");

  it("the content guides have no problems, and an unchanged save changes nothing", () => {
    for (const id of ["password", "wifi", "jaist-sso"]) expect(documentProblems(loadDocument(id)), id).toEqual([]);
    for (const stepId of Object.keys(doc.declaration.steps)) {
      expect(applyStepEdit(doc, stepId, unchanged(doc, stepId)).doc, stepId).toEqual(doc);
    }
  });

  it("changes texts in both locales and adds a choice to a new step that is valid at once", () => {
    const input = unchanged(doc, "self-reset");
    input.texts.ja.body = "新しい本文";
    input.texts.en.title = "Reset it yourself (new)";
    input.choices.push({ id: "", to: NEW_STEP, newStep: { id: "mail-check", title: { ja: "メールを確かめる", en: "Check your mail" } }, label: { ja: "メールが届かない", en: "No mail came" }, answers: {} });
    const { doc: next, problems, created } = applyStepEdit(doc, "self-reset", input);
    expect(problems).toEqual([]);
    expect(created).toEqual(["mail-check"]);
    expect(documentProblems(next)).toEqual([]);
    expect(next.declaration.steps["self-reset"].choices.map((c) => c.to)).toEqual(["contact", "mail-check"]);
    expect(next.declaration.steps["mail-check"]).toMatchObject({ leaf: true, choices: [{ to: "contact" }] });
    const ja = parseStepSource(next.texts.ja["self-reset"]);
    expect(ja.ok && ja.fields.body).toBe("新しい本文");
    const en = parseStepSource(next.texts.en["mail-check"]);
    expect(en.ok && en.fields.title).toBe("Check your mail");
    expect(en.ok && Object.values(en.fields.choices)).toEqual(["No, not solved (go to the contact form)"]);
  });

  it("names the step for a dead end, an unknown target, an undeclared answer and a missing locale", () => {
    const deadEnd = unchanged(doc, "after-change");
    deadEnd.choices = [];
    deadEnd.leaf = false;
    expect(documentProblems(applyStepEdit(doc, "after-change", deadEnd).doc)).toEqual([
      expect.objectContaining({ stepId: "after-change", message: expect.stringContaining("行き止まり") }),
    ]);

    const unknown = unchanged(doc, "after-change");
    unknown.choices[0].to = "nowhere";
    expect(documentProblems(applyStepEdit(doc, "after-change", unknown).doc)).toContainEqual(
      expect.objectContaining({ stepId: "after-change", message: expect.stringContaining("「nowhere」") }),
    );

    const answer = unchanged(doc, "after-change");
    answer.choices[0].answers = { network: "campus" };
    expect(documentProblems(applyStepEdit(doc, "after-change", answer).doc)).toContainEqual(
      expect.objectContaining({ stepId: "after-change", message: expect.stringContaining("回答「network」") }),
    );

    const missing = structuredClone(doc);
    delete missing.texts.en["reception"];
    expect(documentProblems(missing)).toEqual([expect.objectContaining({ stepId: "reception", message: "英語の本文がありません。" })]);
  });

  it("leaves a step unreachable when a choice is removed, unless its orphans are removed too", () => {
    const input = unchanged(doc, "reset-address");
    input.choices = input.choices.filter((c) => c.to !== "reception");
    const kept = applyStepEdit(doc, "reset-address", input);
    expect(documentProblems(kept.doc)).toContainEqual(expect.objectContaining({ stepId: "reception", message: expect.stringContaining("たどり着けません") }));

    const removed = applyStepEdit(doc, "reset-address", { ...input, removeOrphans: true });
    expect(removed.removed).toEqual(["reception"]);
    expect(removed.doc.texts.ja.reception).toBeUndefined();
    expect(documentProblems(removed.doc)).toEqual([]);
  });

  it("refuses a new step whose id is taken and a choice to the step itself", () => {
    const input = unchanged(doc, "after-change");
    input.choices.push({ id: "", to: NEW_STEP, newStep: { id: "reception", title: { ja: "x", en: "x" } }, label: { ja: "x", en: "x" }, answers: {} });
    input.choices.push({ id: "", to: "after-change", label: { ja: "y", en: "y" }, answers: {} });
    expect(applyStepEdit(doc, "after-change", input).problems.map((p) => p.message)).toEqual([
      expect.stringContaining("「reception」はすでにあります"),
      expect.stringContaining("このステップ自身"),
    ]);
  });
});

describe("impact of publishing", () => {
  const live = loadDocument("password").declaration;

  it("lists the removed steps and the walks that stop existing, each redirected to its longest surviving prefix", () => {
    const draft = structuredClone(live);
    draft.steps["reset-address"].choices = draft.steps["reset-address"].choices.filter((c) => c.to !== "reception");
    delete draft.steps.reception;
    const impact = graphImpact(live, draft);
    expect(impact.removedSteps).toEqual(["reception"]);
    expect(impact.lostWalks).toEqual([
      { choices: ["forgot", "address-not-registered"], redirectTo: ["forgot"] },
      { choices: ["forgot", "address-not-registered", "reception-not-possible"], redirectTo: ["forgot"] },
    ]);
    expect(nearestSurvivingWalk(draft, ["nope"])).toEqual([]);
  });

  it("finds nothing lost when only steps are added", () => {
    expect(graphImpact(live, live)).toMatchObject({ removedSteps: [], addedSteps: [], lostWalks: [] });
  });
});

describe("the map layout", () => {
  it("places every step as a box and every choice as a labelled arrow, inside the drawing", () => {
    const guide = loadDocument("jaist-sso").declaration;
    const layout = layoutGuideMap(guide, { step0: "STEP.0 認証に失敗した際に表示されるメッセージについて" }, { "auth-failed": "「認証に失敗しました。」と表示される" }, new Set(["step1"]));
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(Object.keys(guide.steps).sort());
    expect(layout.edges).toHaveLength(Object.values(guide.steps).reduce((n, s) => n + s.choices.length, 0));
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 0.5);
    }
    expect(layout.nodes.find((n) => n.id === "step3")).toMatchObject({ contact: true });
    expect(layout.nodes.find((n) => n.id === "step1")).toMatchObject({ problem: true });
    const start = layout.nodes.find((n) => n.id === "step0")!;
    expect(start.lines.length).toBeGreaterThan(1);
    expect(layout.edges.find((e) => e.id === "auth-failed")).toMatchObject({ from: "step0", to: "step1", fullLabel: "「認証に失敗しました。」と表示される" });
    expect(layout.edges.find((e) => e.id === "auth-failed")!.label.endsWith("…")).toBe(true);
  });

  it("wraps Japanese text by width and cuts it with an ellipsis", () => {
    expect(wrapText("あいうえおかきくけこ", 4, 2)).toEqual(["あいうえ", "おかき…"]);
    expect(wrapText("abc", 4, 2)).toEqual(["abc"]);
  });
});

describe("what another editor changed", () => {
  it("names the steps and the parts of them, and added or removed steps", async () => {
    const { describeGuideChanges } = await import("@/lib/guide-editor/describe-changes");
    const before = loadDocument("password");
    const input = unchanged(before, "self-reset");
    input.texts.en.body = "changed";
    input.choices[0].answers = {};
    input.choices.push({ id: "", to: NEW_STEP, newStep: { id: "extra", title: { ja: "追加", en: "Extra" } }, label: { ja: "追加", en: "Extra" }, answers: {} });
    const after = applyStepEdit(before, "self-reset", input).doc;
    expect(describeGuideChanges(before, after)).toEqual(["ステップ「extra」が追加されました。", "ステップ「self-reset」: 選択肢(行き先・回答)、日本語の選択肢のラベル、英語の本文、英語の選択肢のラベル"]);
    expect(describeGuideChanges(before, before)).toEqual([]);
  });
});
