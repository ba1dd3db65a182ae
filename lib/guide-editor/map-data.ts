// What the map page shows of a guide document: the laid-out graph, the same graph as a list, and the
// problems (in the order a reader meets the steps).
import { shortestWalks } from "@/lib/guide-graph";
import type { GuideDocument } from "@/lib/guide-editor/document";
import { layoutGuideMap } from "@/lib/guide-editor/map-layout";
import { documentProblems, type GuideProblem } from "@/lib/guide-editor/problems";
import { parseStepSource } from "@/lib/guide-editor/step-source";
import matter from "gray-matter";

export function stepTexts(doc: GuideDocument, locale: "ja" | "en") {
  const titles: Record<string, string> = {};
  const choiceLabels: Record<string, string> = {};
  for (const [id, source] of Object.entries(doc.texts[locale] ?? {})) {
    if (id === "index") continue;
    const parsed = parseStepSource(source);
    if (!parsed.ok) continue;
    titles[id] = parsed.fields.title;
    Object.assign(choiceLabels, parsed.fields.choices);
  }
  return { titles, choiceLabels };
}

export function guideTitle(doc: GuideDocument): string {
  const source = doc.texts.ja?.index;
  const title = source ? (matter(source).data as { title?: unknown }).title : undefined;
  return typeof title === "string" && title ? title : doc.declaration.catalog.title.ja;
}

/** `problems`: what keeps the document from being published (default: the editor's own checks). */
export function guideMapData(doc: GuideDocument, problems: GuideProblem[] = documentProblems(doc)) {
  const guide = doc.declaration;
  problems = [...problems];
  const problemSteps = new Set(problems.flatMap((p) => (p.stepId ? [p.stepId] : [])));
  const { titles, choiceLabels } = stepTexts(doc, "ja");
  const layout = layoutGuideMap(guide, titles, choiceLabels, problemSteps);
  const order = [...shortestWalks(guide).keys()];
  const ids = [...order, ...Object.keys(guide.steps).filter((id) => !order.includes(id))].filter((id) => Object.hasOwn(guide.steps, id));
  const steps = ids.map((id) => {
    const step = guide.steps[id];
    return {
      id,
      title: titles[id] || step.label,
      start: id === guide.start,
      contact: Boolean(step.contact),
      leaf: Boolean(step.leaf),
      problem: problemSteps.has(id),
      choices: step.choices.map((c) => ({ id: c.id, to: c.to, label: choiceLabels[c.id] || c.id, toTitle: titles[c.to] || c.to })),
    };
  });
  const rank = new Map(ids.map((id, i) => [id, i]));
  problems.sort((a, b) => (rank.get(a.stepId ?? "") ?? -1) - (rank.get(b.stepId ?? "") ?? -1));
  return { layout, problems, steps, title: guideTitle(doc) };
}
