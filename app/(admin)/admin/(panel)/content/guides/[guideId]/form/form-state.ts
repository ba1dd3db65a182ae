import type { GuideProblem } from "@/lib/guide-editor/problems";

export type FormFieldsState = {
  ok?: boolean;
  base?: number;
  notice?: string;
  error?: string;
  changes?: string[];
  problems?: GuideProblem[];
  /** Everything typed, by input name, so a refused form shows it again. */
  values?: Record<string, string>;
};
