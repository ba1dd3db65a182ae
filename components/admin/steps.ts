// Step names for the staff UI: "STEP2-4. 認証要素が足りない" style, from the guide and its MDX.
import "server-only";
import { getGuide, getStepTitle } from "@/lib/content";

export function stepName(guideId: string | null | undefined, stepId: string | null | undefined): string {
  if (!stepId) return "—";
  if (!guideId) return stepId;
  return getStepTitle(guideId, stepId, "ja") ?? stepId;
}

/** Every step of a guide that can end a path (all but the contact step), for the filter. */
export function endStepOptions(guideId = "jaist-sso"): { id: string; name: string }[] {
  const guide = getGuide(guideId);
  if (!guide) return [];
  return Object.keys(guide.steps)
    .filter((id) => id !== guide.contactStep)
    .map((id) => ({ id, name: stepName(guideId, id) }));
}
