// What the step form posts and gets back; shared by the page, the form and the action.
import type { GuideProblem } from "@/lib/guide-editor/problems";

export type ChoiceRow = {
  id: string;
  to: string;
  label: { ja: string; en: string };
  answers: Record<string, string>;
  newStep?: { id: string; title: { ja: string; en: string } };
  remove?: boolean;
};

export type StepFormValues = {
  texts: Record<"ja" | "en", { title: string; description: string; question: string; body: string }>;
  leaf: boolean;
  removeOrphans: boolean;
  choices: ChoiceRow[];
  note: string;
};

export type StepFormState = {
  ok?: boolean;
  /** The version the form is based on now (after a conflict: the newest, so saving again applies on it). */
  base?: number;
  values?: StepFormValues;
  problems?: GuideProblem[];
  /** A form-level refusal (conflict, not allowed, unknown step). */
  error?: string;
  changes?: string[];
  notice?: string;
};
