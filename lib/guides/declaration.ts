// A guide's declaration (issue 9, docs/decisions/0014): guide.json holds the step graph and, beside
// it, everything the rest of the app needs to know about the guide: its contact form's fields, its
// ticket prefix, the service whose outage explains its tickets, and its catalog entry. This module is
// the schema of that file and the checks that tie the form to the graph; the consumers (form, action,
// API, admin, CSV, dashboard) are built from it, so there is no second list of fields or values.
import { z } from "zod";
import { GuideSchema, type Walk } from "@/lib/guide-graph";

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "values and ids are lower-case kebab-case");
const camel = z.string().regex(/^[a-z][A-Za-z0-9]*$/, "field keys and answer keys are camelCase");
const text = z.string().trim().min(1);

export const LocalizedSchema = z.object({ ja: text, en: text }).strict();
export type Localized = z.infer<typeof LocalizedSchema>;

export const FIELD_KINDS = ["text", "textarea", "single", "multi", "datetime", "username", "email", "file"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const OptionSchema = z.object({ value: kebab, label: LocalizedSchema }).strict();

/**
 * When a field is asked at all. Every condition must hold. Without a walk (the form opened from the
 * header, not from a guide) nothing is known, so every field is asked.
 */
export const ConditionSchema = z.union([
  /** The walk went through this step. */
  z.object({ visited: kebab }).strict(),
  /** The walk set this answer to one of these values. */
  z.object({ answer: camel, in: z.array(kebab).min(1) }).strict(),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const FieldSchema = z
  .object({
    key: camel,
    kind: z.enum(FIELD_KINDS),
    label: LocalizedSchema,
    help: LocalizedSchema.optional(),
    options: z.array(OptionSchema).optional(),
    /**
     * always; optional; or unless-answered-by-path: required only when the walk left it open (a
     * field the walk answered is not asked again; the walk's answer stands unless the user changes it).
     */
    required: z.enum(["always", "unless-answered-by-path", "optional"]),
    /** Required when another field of the form has this value ("other" needs its text). */
    requiredWhen: z.object({ field: camel, equals: kebab }).strict().optional(),
    /** What pre-fills it: the answer a choice of the walk set, or (multi) the steps the walk went through. */
    prefill: z.union([z.object({ answer: camel }).strict(), z.object({ steps: z.literal(true) }).strict()]).optional(),
    /** Free text run through the password / OTP detector (lib/secrets.ts). */
    secretCheck: z.boolean().optional(),
    /** "never": recorded from the walk for staff, not a question on the form. */
    askWhen: z.union([z.literal("never"), z.array(ConditionSchema).min(1)]).optional(),
    /** Characters, for free text. */
    maxLength: z.number().int().positive().max(10_000).optional(),
    /** Choices, for multi. */
    maxItems: z.number().int().positive().max(100).optional(),
  })
  .strict();
export type FieldDeclaration = z.infer<typeof FieldSchema>;

/** A common field (lib/guides/common-fields.ts) placed in a guide's form, with its own wording. */
export const CommonFieldRefSchema = z
  .object({ common: camel, label: LocalizedSchema.optional(), help: LocalizedSchema.optional() })
  .strict();
export type CommonFieldRef = z.infer<typeof CommonFieldRefSchema>;

export const CatalogSchema = z
  .object({
    title: LocalizedSchema,
    /** What a user sees and would type ("ログインできない"): the symptom-first home and search match on them. */
    symptoms: z.array(LocalizedSchema).min(1),
    /** A topic of content/topics.json. */
    topic: kebab,
  })
  .strict();

export const GuideDeclarationSchema = GuideSchema.extend({
  /** Written for help-desk review: hidden from the public catalog and pages until then. */
  draft: z.boolean().optional(),
  /** The status service (ServiceStatus.id) whose outage explains this guide's tickets. */
  primaryService: kebab,
  catalog: CatalogSchema,
  form: z
    .object({
      fields: z.array(z.union([FieldSchema, CommonFieldRefSchema])),
      /**
       * Single-choice fields whose equal values across tickets suggest an outage rather than a user
       * error (the dashboard's incident hint, the detail's similar tickets). Default: none, the
       * guide and end step alone.
       */
      incidentFields: z.array(camel).max(3).optional(),
    })
    .strict(),
}).strict();
export type GuideDeclaration = z.infer<typeof GuideDeclarationSchema>;

/** A field as the form, the schema and staff see it: common or the guide's own, wording resolved. */
export type ResolvedField = FieldDeclaration & { common: boolean };

export function isCommonRef(entry: FieldDeclaration | CommonFieldRef): entry is CommonFieldRef {
  return "common" in entry;
}

/** Answers of a walk, as a Map: answer keys come from content, never trusted as object keys. */
export function walkAnswers(walk: Walk): Map<string, string> {
  return new Map(Object.entries(walk.answers ?? {}));
}

/** Whether a field is a question on the form for this walk (null: no walk, so everything is asked). */
export function isAsked(field: FieldDeclaration, walk: Walk | null): boolean {
  if (field.askWhen === "never") return false;
  if (!field.askWhen || !walk) return true;
  const answers = walkAnswers(walk);
  return field.askWhen.every((c) =>
    "visited" in c ? walk.steps.includes(c.visited) : c.in.includes(answers.get(c.answer) ?? ""),
  );
}
