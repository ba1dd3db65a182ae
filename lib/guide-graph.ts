// A guide is a step graph kept as data (content/guides/<id>/guide.json). This module holds its
// schema and the pure functions over it: replaying a walk, listing every walk, validating a guide.
import { z } from "zod";

/**
 * Answers a choice can set (answer key -> value); the contact form pre-fills from them. Which keys and
 * values a guide may set is declared by its form (lib/guides/validate-declaration.ts checks each choice).
 */
export const AnswersSchema = z.record(
  z.string().regex(/^[a-z][A-Za-z0-9]*$/, "answer keys are camelCase"),
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "answer values are lower-case kebab-case"),
);
export type Answers = z.infer<typeof AnswersSchema>;

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are lower-case kebab-case");

export const ChoiceSchema = z.object({ id, to: id, answers: AnswersSchema.optional() }).strict();

export const StepSchema = z
  .object({
    label: z.string().min(1),
    /** A leaf offers "this solved it" and the way to the contact step. */
    leaf: z.boolean().optional(),
    /** The contact step (STEP3): the end of every unsolved walk. */
    contact: z.boolean().optional(),
    choices: z.array(ChoiceSchema),
  })
  .strict();

export const GuideSchema = z
  .object({
    $comment: z.string().optional(),
    id,
    ticketPrefix: z.string().regex(/^[A-Z]{2,6}$/),
    start: id,
    contactStep: id,
    steps: z.record(id, StepSchema),
  })
  .strict();

export type Guide = z.infer<typeof GuideSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Choice = z.infer<typeof ChoiceSchema>;

export type Walk = {
  /** choice ids taken from the start */
  choices: string[];
  /** step ids visited, starting with the start step; the last one is where the walk ends */
  steps: string[];
  /** answers set along the way; a later choice overrides an earlier one */
  answers: Answers;
};

/**
 * The step with this id, or undefined. Step ids come from URLs and forms: an own-property check, so
 * "constructor" or "__proto__" is no step (a plain lookup returned Object.prototype's members).
 */
export function stepOf(guide: Guide, stepId: string): Step | undefined {
  return Object.hasOwn(guide.steps, stepId) ? guide.steps[stepId] : undefined;
}

/** Replays choice ids from the start. Returns null when any choice is not offered where it is taken. */
export function replayWalk(guide: Guide, choiceIds: readonly string[]): Walk | null {
  let current = guide.start;
  const steps = [current];
  const answers: Answers = {};
  for (const choiceId of choiceIds) {
    const choice = stepOf(guide, current)?.choices.find((c) => c.id === choiceId);
    if (!choice || !stepOf(guide, choice.to)) return null;
    Object.assign(answers, choice.answers);
    current = choice.to;
    steps.push(current);
  }
  return { choices: [...choiceIds], steps, answers };
}

export function endStep(walk: Walk): string {
  return walk.steps[walk.steps.length - 1];
}

/**
 * Each step that can be reached, in breadth-first order from the start (the order a reader meets the
 * steps), with the shortest walk that reaches it: the step's one canonical URL. The one breadth-first
 * walk of a guide: the sitemap, search and the dashboard's funnel all read it.
 */
export function shortestWalks(guide: Guide): Map<string, string[]> {
  const result = new Map<string, string[]>([[guide.start, []]]);
  const queue = [guide.start];
  for (let i = 0; i < queue.length; i++) {
    const stepId = queue[i];
    for (const choice of stepOf(guide, stepId)?.choices ?? []) {
      if (result.has(choice.to)) continue;
      result.set(choice.to, [...result.get(stepId)!, choice.id]);
      queue.push(choice.to);
    }
  }
  return result;
}

/** Every walk from the start (the graph is acyclic; validateGuide checks it). */
export function allWalks(guide: Guide): Walk[] {
  const walks: Walk[] = [];
  const visit = (choices: string[]) => {
    const walk = replayWalk(guide, choices);
    if (!walk) return;
    walks.push(walk);
    for (const choice of guide.steps[endStep(walk)].choices) visit([...choices, choice.id]);
  };
  visit([]);
  return walks;
}

/** Problems with a guide's graph, as sentences; empty when it is sound. */
export function validateGuide(guide: Guide): string[] {
  const problems: string[] = [];
  const stepIds = Object.keys(guide.steps);
  if (!stepOf(guide, guide.start)) problems.push(`start step "${guide.start}" does not exist`);
  const contact = stepOf(guide, guide.contactStep);
  if (!contact) problems.push(`contact step "${guide.contactStep}" does not exist`);
  else if (!contact.contact) problems.push(`contact step "${guide.contactStep}" is not marked contact`);

  const choiceIds = new Set<string>();
  for (const [stepId, step] of Object.entries(guide.steps)) {
    for (const choice of step.choices) {
      if (choiceIds.has(choice.id)) problems.push(`choice id "${choice.id}" is used twice`);
      choiceIds.add(choice.id);
      if (!stepOf(guide, choice.to)) problems.push(`${stepId}: choice "${choice.id}" leads to missing step "${choice.to}"`);
    }
    if (step.contact && step.choices.length) problems.push(`${stepId}: the contact step has choices`);
    if (!step.contact && !step.choices.length) problems.push(`${stepId}: dead end (no choices and not the contact step)`);
    if (step.leaf && !step.choices.some((c) => c.to === guide.contactStep)) {
      problems.push(`${stepId}: a leaf must offer the way to ${guide.contactStep}`);
    }
  }
  if (problems.length) return problems;

  // Reachability and cycles, by depth-first search from the start.
  const reached = new Set<string>();
  const onStack = new Set<string>();
  const dfs = (stepId: string) => {
    if (onStack.has(stepId)) {
      problems.push(`cycle through "${stepId}"`);
      return;
    }
    if (reached.has(stepId)) return;
    reached.add(stepId);
    onStack.add(stepId);
    for (const choice of guide.steps[stepId].choices) dfs(choice.to);
    onStack.delete(stepId);
  };
  dfs(guide.start);
  for (const stepId of stepIds) if (!reached.has(stepId)) problems.push(`${stepId}: not reachable from ${guide.start}`);
  return problems;
}
