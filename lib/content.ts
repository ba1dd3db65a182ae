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

// --- Step titles for the contact form (intake). Kept at the end and self-contained so it merges
// cleanly with the help-center work on this file.
import matter from "gray-matter";

const stepTitles = new Map<string, string | null>();

/** A step's title from its MDX frontmatter, or null when the guide, step or file does not exist. */
export function getStepTitle(guideId: string, stepId: string, locale: "ja" | "en"): string | null {
  const guide = getGuide(guideId);
  if (!guide?.steps[stepId]) return null;
  const key = `${guideId}/${locale}/${stepId}`;
  if (!stepTitles.has(key)) {
    let title: string | null = null;
    try {
      const raw = readFileSync(path.join(CONTENT_DIR, "guides", guideId, locale, `${stepId}.mdx`), "utf8");
      const value = matter(raw).data.title;
      title = typeof value === "string" && value ? value : null;
    } catch {
      title = null;
    }
    stepTitles.set(key, title ?? guide.steps[stepId].label);
  }
  return stepTitles.get(key) ?? null;
}
