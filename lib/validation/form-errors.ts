// What a refused form shows next to each field: the first message zod gave for it (the field is the
// issue's first path element, "form" for the whole form). One place for every admin action.
import type { z } from "zod";

export function fieldErrors(error: z.ZodError | undefined, errors: Record<string, string> = {}): Record<string, string> {
  for (const issue of error?.issues ?? []) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** The named fields of a posted form as strings ("" for a missing one), in the order given. */
export function formStrings<K extends string>(formData: FormData, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, String(formData.get(key) ?? "")])) as Record<K, string>;
}
