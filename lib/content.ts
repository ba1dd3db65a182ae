// The only reader of content/. Guides are step graphs (guide.json) plus MDX per step and language.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { GuideSchema, type Guide } from "@/lib/guide-graph";

export const CONTENT_DIR = path.join(process.cwd(), "content");
export const GUIDE_IDS = ["jaist-sso"] as const;

const guides = new Map<string, Guide>();

/** The parsed step graph of a guide, or null when no such guide exists. Cached per process. */
export function getGuide(guideId: string): Guide | null {
  if (!(GUIDE_IDS as readonly string[]).includes(guideId)) return null;
  let guide = guides.get(guideId);
  if (!guide) {
    const raw = readFileSync(path.join(CONTENT_DIR, "guides", guideId, "guide.json"), "utf8");
    guide = GuideSchema.parse(JSON.parse(raw));
    guides.set(guideId, guide);
  }
  return guide;
}

/** A step's title from its MDX frontmatter (the staff admin's path checklist); null when unknown. */
export function getStepTitle(guideId: string, stepId: string, locale: "ja" | "en"): string | null {
  if (!getGuide(guideId)?.steps[stepId]) return null;
  try {
    const raw = readFileSync(path.join(CONTENT_DIR, "guides", guideId, locale, `${stepId}.mdx`), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(raw)?.[1] ?? "";
    const title = /^title:\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(.+))\s*$/m.exec(front);
    return title ? (title[1]?.replace(/\\(.)/g, "$1") ?? title[2] ?? title[3]).trim() : null;
  } catch {
    return null;
  }
}
