// "Did this solve it?" on a guide step. One schema for the form, the server action and its tests.
import { z } from "zod";
import { plainString } from "@/lib/validation/text";

import { FEEDBACK_COMMENT_MAX } from "@/lib/validation/limits";

export { FEEDBACK_COMMENT_MAX };

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64);

export const FeedbackSchema = z.object({
  guideId: id,
  stepId: id,
  locale: z.enum(["ja", "en"]),
  helpful: z.enum(["yes", "no"]).transform((v) => v === "yes"),
  comment: plainString("control")
    .trim()
    .max(FEEDBACK_COMMENT_MAX, { error: "too_long" })
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** On a leaf, "not solved" leads on: the walk that reached the step and the choice taken from it. */
  walk: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v ? v.split(",") : [])),
  next: id.optional(),
});

export type FeedbackInput = z.infer<typeof FeedbackSchema>;
