// The frontmatter of the help content's MDX files, validated by zod: read by lib/content.ts (the
// public pages) and checked by lib/content/validate.ts before a publish.
import { z } from "zod";

const text = z.string().trim().min(1);

export const GuideIndexFrontmatterSchema = z.object({ title: text, description: text }).strict();

export const StepFrontmatterSchema = z
  .object({
    title: text,
    description: text,
    /** The question above the choices; every step with choices has one (the content test checks). */
    question: text.optional(),
    /** choice id -> label; the ids equal guide.json's choices of this step (the content test checks). */
    choices: z.record(z.string(), text),
  })
  .strict();

export const ArticleFrontmatterSchema = z
  .object({
    title: text,
    description: text,
    topic: text,
    /** Written from general knowledge and waiting for staff review: the import sets a review date (issue 12). */
    draft: z.boolean(),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "updated is a YYYY-MM-DD date"),
  })
  .strict();

export type GuideIndexFrontmatter = z.infer<typeof GuideIndexFrontmatterSchema>;
export type StepFrontmatter = z.infer<typeof StepFrontmatterSchema>;
export type ArticleFrontmatter = z.infer<typeof ArticleFrontmatterSchema>;
