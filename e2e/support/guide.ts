// The guide as the e2e tests expect it, read straight from content/ (graph and frontmatter). The
// app reads content only through lib/content.ts, which is server-only; the tests read it on their
// own so that a broken loader cannot hide itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { allWalks, type Guide, type Walk } from "@/lib/guide-graph";
import { GuideDeclarationSchema } from "@/lib/guides/declaration";

export type Locale = "ja" | "en";
export const LOCALES: Locale[] = ["ja", "en"];

const root = path.join(process.cwd(), "content", "guides");

export function loadGuide(guideId: string): Guide {
  return GuideDeclarationSchema.parse(JSON.parse(readFileSync(path.join(root, guideId, "guide.json"), "utf8")));
}

export type StepText = { title: string; question?: string; choices: Record<string, string> };

export function stepText(guideId: string, locale: Locale, stepId: string): StepText {
  return matter(readFileSync(path.join(root, guideId, locale, `${stepId}.mdx`), "utf8")).data as StepText;
}

export function guideTitle(guideId: string, locale: Locale): string {
  return (matter(readFileSync(path.join(root, guideId, locale, "index.mdx"), "utf8")).data as { title: string }).title;
}

/** Walks that cannot go on: every path from the start to the contact step, through every leaf. */
export function completeWalks(guide: Guide): Walk[] {
  return allWalks(guide).filter((walk) => guide.steps[walk.steps.at(-1)!].choices.length === 0);
}

export function stepUrl(locale: Locale, guideId: string, choices: readonly string[]): string {
  return `/${locale}/guides/${guideId}${choices.map((c) => `/${c}`).join("")}`;
}
