// The contact request's zod schema and pre-fill, generated from a guide's declaration (issue 9): the
// same rules as the hand-written intakeSchema and prefillFromWalk of issue 4 (the property tests
// beside this file prove it), but for any guide, and aware of the walk: a field the walk made moot is
// not asked, and a field declared unless-answered-by-path is required only when the walk left it open.
import { z } from "zod";
import { isAsked, walkAnswers, type GuideDeclaration, type ResolvedField } from "@/lib/guides/declaration";
import { formFields, prefillableFields } from "@/lib/guides/form-fields";
import { CONTROL_CHARACTER_MESSAGE, plainString } from "@/lib/validation/text";
import { FORM_MESSAGES as M } from "@/lib/guides/messages";
import { replayWalk, type Walk } from "@/lib/guide-graph";
import type { Locale } from "@/lib/i18n";
import { parseJstDateTime } from "@/lib/jst";
import { containsSecret } from "@/lib/secrets";
import { FUTURE_SKEW_MS, requestMetaFields } from "@/lib/validation/intake";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type PrefillValues = Record<string, string | string[]>;

/** The form's values the walk answers: each prefilled question's answer, and the steps gone through. */
export function prefillFromPath(guide: GuideDeclaration, walk: Walk): PrefillValues {
  const answers = walkAnswers(walk);
  const values: PrefillValues = {};
  for (const field of formFields(guide)) {
    if (!field.prefill || field.askWhen === "never") continue;
    if ("steps" in field.prefill) values[field.key] = triedSteps(guide, walk);
    else {
      const answer = answers.get(field.prefill.answer);
      if (answer !== undefined) values[field.key] = answer;
    }
  }
  return values;
}

/** The steps the user went through before the contact step. */
function triedSteps(guide: GuideDeclaration, walk: Walk): string[] {
  return walk.steps.filter((s) => s !== guide.contactStep);
}

export type DeclaredPrefill = {
  guideId: string;
  ticketPrefix: string;
  /** step ids from the start to the contact step */
  path: string[];
  /** choice ids taken */
  walk: string[];
  /** the step before the contact step: where the guide did not help */
  endStep: string;
  answers: Record<string, string>;
  triedSteps: string[];
  values: PrefillValues;
  /** the replayed walk, for buildIntakeSchema */
  replayed: Walk;
};

/**
 * The walk a request came with ("a,b,c"), replayed on the server. Null (no pre-fill, every field
 * asked) when it is not a real walk of the guide or does not end at its contact step.
 */
export function prefillFromWalkParam(guide: GuideDeclaration, walkParam: string | null | undefined): DeclaredPrefill | null {
  if (!walkParam) return null;
  const choices = walkParam.split(",").map((s) => s.trim()).filter(Boolean);
  if (!choices.length || choices.length > 50) return null;
  const walk = replayWalk(guide, choices);
  if (!walk || walk.steps[walk.steps.length - 1] !== guide.contactStep) return null;
  const tried = triedSteps(guide, walk);
  return {
    guideId: guide.id,
    ticketPrefix: guide.ticketPrefix,
    path: walk.steps,
    walk: walk.choices,
    endStep: tried[tried.length - 1],
    answers: { ...walk.answers },
    triedSteps: tried,
    values: prefillFromPath(guide, walk),
    replayed: walk,
  };
}

/** Names of pre-filled fields whose submitted value differs from the pre-filled one. */
export function changedPrefilledFields(guide: GuideDeclaration, prefill: PrefillValues, submitted: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const key of prefillableFields(guide)) {
    if (!Object.hasOwn(prefill, key)) continue;
    const before = prefill[key];
    const after = Object.hasOwn(submitted, key) ? submitted[key] : undefined;
    const same = Array.isArray(before)
      ? Array.isArray(after) && before.length === after.length && before.every((v) => after.includes(v))
      : before === after;
    if (!same) changed.push(key);
  }
  return changed;
}

type Context = { locale: Locale; now: () => Date; guide: GuideDeclaration | null; walk: Walk | null; prefill: PrefillValues };

const nfkc = (s: unknown) => (typeof s === "string" ? s.normalize("NFKC").trim() : s);

function freeText(field: ResolvedField, { locale }: Context, required: boolean) {
  const max = field.maxLength ?? 0;
  // The shared free-text rule (lib/validation/text.ts) first, as the hand-written schema does.
  const trimmed = plainString(CONTROL_CHARACTER_MESSAGE[locale], { error: M.required[locale] })
    .transform((s) => s.trim())
    .pipe(z.string().max(max, M.tooLong(max)[locale]));
  const present = required ? trimmed.pipe(z.string().min(1, M.required[locale])) : trimmed;
  const checked = field.secretCheck ? present.refine((s) => !containsSecret(s), M.secret[locale]) : present;
  return required ? checked : checked.optional();
}

function username(field: ResolvedField, { locale }: Context) {
  const max = field.maxLength ?? 64;
  return z.preprocess(
    (v) => (typeof v === "string" ? (nfkc(v) as string).toLowerCase() : v),
    z
      .string({ error: M.required[locale] })
      .min(1, M.required[locale])
      .refine((s) => !s.includes("@"), M.usernameMail[locale])
      .pipe(z.string().max(max, M.tooLong(max)[locale]).regex(/^[a-z0-9][a-z0-9._-]*$/, M.usernameChars[locale])),
  );
}

function email(field: ResolvedField, { locale }: Context) {
  const max = field.maxLength ?? 254;
  return z.preprocess(
    nfkc,
    z
      .string({ error: M.required[locale] })
      .min(1, M.required[locale])
      .max(max, M.tooLong(max)[locale])
      .pipe(z.email(M.email[locale])),
  );
}

function dateTime({ locale, now }: Context) {
  return z
    .string({ error: M.dateTime[locale] })
    .transform((s, ctx) => {
      const date = parseJstDateTime(s.trim());
      if (!date) {
        ctx.addIssue({ code: "custom", message: M.dateTime[locale] });
        return z.NEVER;
      }
      return date;
    })
    .refine((d) => d.getTime() <= now().getTime() + FUTURE_SKEW_MS, M.future[locale])
    .refine((d) => d.getUTCFullYear() >= 2000, M.tooOld[locale]);
}

function single(field: ResolvedField, ctx: Context, required: boolean, answered: string | undefined) {
  const values = (field.options ?? []).map((o) => o.value) as [string, ...string[]];
  const choice = z.enum(values, { error: M.choose[ctx.locale] });
  if (required) return choice;
  // Not asked again: the walk's answer stands unless the user picked another.
  return answered !== undefined ? choice.optional().transform((v) => v ?? answered) : choice.optional();
}

/**
 * Ticked values that are no longer on the form (a step of another walk of this guide) are dropped
 * rather than refused: the user cannot fix them, and nothing they say is lost. A value that was never
 * a checkbox of this form (no option, no step of the guide: only tampering sends it) is refused with
 * a named message (issue 8), so nothing unknown is stored.
 */
function multi(field: ResolvedField, ctx: Context, required: boolean) {
  const options = (field.options ?? []).map((o) => o.value);
  const steps = field.prefill && "steps" in field.prefill && ctx.guide;
  const known = new Set([...options, ...(steps ? Object.keys(ctx.guide!.steps) : [])]);
  const allowed = new Set(options);
  if (steps && ctx.walk) for (const step of triedSteps(ctx.guide!, ctx.walk)) allowed.add(step);
  const message = M.choose[ctx.locale];
  const list = z
    .array(z.string({ error: message }).regex(KEBAB, M.triedValue[ctx.locale]), { error: message })
    .max(field.maxItems ?? 0, M.tooMany(field.maxItems ?? 0)[ctx.locale])
    .refine((items) => items.every((v) => known.has(v)), M.triedValue[ctx.locale]);
  return (required ? list.min(1, message) : list.default([])).transform((items) => [...new Set(items)].filter((v) => allowed.has(v)));
}

function fieldSchema(field: ResolvedField, ctx: Context): z.ZodType {
  const answered = Object.hasOwn(ctx.prefill, field.key) ? ctx.prefill[field.key] : undefined;
  const required = field.required === "always" || (field.required === "unless-answered-by-path" && answered === undefined);
  switch (field.kind) {
    case "text":
    case "textarea":
      return freeText(field, ctx, required);
    case "username":
      return username(field, ctx);
    case "email":
      return email(field, ctx);
    case "datetime":
      return dateTime(ctx);
    case "single":
      return single(field, ctx, required, typeof answered === "string" ? answered : undefined);
    case "multi":
      return multi(field, ctx, required);
    case "file":
      throw new Error(`${field.key}: a file is read by lib/screenshot.ts, not by the form schema`);
  }
}

/** Cross-field rules run even when other fields have errors, so the user sees every problem at once. */
function whenFieldsParsed(fields: string[]) {
  return (payload: { issues: readonly { path?: PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

/**
 * The schema of a contact request for this guide (null: the form without a guide, `options.form`) and walk (null:
 * opened without a walk, so every field is asked), with messages in `locale`. `walk` must be a walk
 * that ends at the guide's contact step (prefillFromWalkParam's `replayed`). `now` decides "future".
 */
export function buildIntakeSchema(
  guide: GuideDeclaration | null,
  locale: Locale,
  walk: Walk | null,
  options: { now?: () => Date; form?: Pick<GuideDeclaration, "form"> } = {},
) {
  const ctx: Context = {
    locale,
    now: options.now ?? (() => new Date()),
    guide,
    walk: guide ? walk : null,
    prefill: guide && walk ? prefillFromPath(guide, walk) : {},
  };
  // Without a guide, the generic form (lib/guides/generic-form.ts) when the caller gives it.
  const asked = formFields(guide ?? options.form ?? null).filter((f) => f.kind !== "file" && isAsked(f, ctx.walk));
  const shape: Record<string, z.ZodType> = {};
  for (const field of asked) shape[field.key] = fieldSchema(field, ctx);
  Object.assign(shape, requestMetaFields(locale));

  let schema = z.object(shape);
  const keys = new Set(asked.map((f) => f.key));
  for (const field of asked) {
    if (!field.requiredWhen || !keys.has(field.requiredWhen.field)) continue;
    const { field: other, equals } = field.requiredWhen;
    schema = schema.refine((v) => v[other] !== equals || Boolean(v[field.key]), {
      path: [field.key],
      message: M.required[locale],
      when: whenFieldsParsed([other, field.key]),
    });
  }
  if (keys.has("affiliation") && keys.has("username")) {
    schema = schema.refine((v) => v.affiliation !== "student" || /^s\d+$/.test(String(v.username)), {
      path: ["username"],
      message: M.usernameStudent[locale],
      when: whenFieldsParsed(["affiliation", "username"]),
    });
  }
  return schema;
}

type CachedSchema = { schema: ReturnType<typeof buildIntakeSchema>; clock: { now: () => Date } };
const schemaCache = new WeakMap<object, Map<string, CachedSchema>>();
/** Walks per form declaration kept; a guide has few real walks to its contact step (issue 14). */
const MAX_CACHED_PER_FORM = 256;

/**
 * Parses a request with the schema of its form, locale and walk, built once per declaration object:
 * zod compiles a schema on its first parse, which made building one per request the intake's
 * largest CPU cost (issue 14). A published guide is a new declaration object (a new content snapshot),
 * so a cached schema never outlives its declaration. `now` reaches the cached schema through a clock
 * set just before the parse, which is synchronous: no other request can run in between.
 */
export function parseIntake(
  guide: GuideDeclaration | null,
  form: Pick<GuideDeclaration, "form">,
  locale: Locale,
  walk: Walk | null,
  now: () => Date,
  raw: unknown,
  params?: Parameters<ReturnType<typeof buildIntakeSchema>["safeParse"]>[1],
) {
  const owner = guide ?? form;
  let perForm = schemaCache.get(owner);
  if (!perForm) schemaCache.set(owner, (perForm = new Map()));
  const key = `${locale}|${guide && walk ? walk.choices.join(",") : ""}`;
  let cached = perForm.get(key);
  if (!cached) {
    const clock = { now };
    cached = { schema: buildIntakeSchema(guide, locale, walk, { now: () => clock.now(), form }), clock };
    if (perForm.size >= MAX_CACHED_PER_FORM) perForm.delete(perForm.keys().next().value!);
    perForm.set(key, cached);
  }
  cached.clock.now = now;
  try {
    return cached.schema.safeParse(raw, params);
  } finally {
    cached.clock.now = () => new Date();
  }
}
