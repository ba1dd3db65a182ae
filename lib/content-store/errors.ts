// The one error type of the content store (issue 12): a code the UI maps to a Japanese message, and
// what it needs to explain the refusal (the versions since, the problems found).
import type { ContentProblem } from "@/lib/content/validate";

export type ContentVersionSummary = { number: number; authorId: string | null; authorName: string | null; createdAt: Date; note: string };

export type ContentErrorCode = "not-found" | "duplicate" | "invalid" | "unsafe" | "no-version";

export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    /** invalid / unsafe: what is wrong, each naming where */
    readonly problems: ContentProblem[] = [],
    message?: string,
  ) {
    super(message ?? `content: ${code}${problems.length ? `: ${problems.map((p) => `${p.where}: ${p.message}`).join("; ")}` : ""}`);
    this.name = "ContentError";
  }
}

/**
 * A save based on a version that is no longer the latest (docs/decisions/0018: never a silent
 * overwrite): carries the versions written since, so the editor can show who changed what.
 */
export class ContentConflictError extends Error {
  constructor(
    readonly headNumber: number,
    readonly since: ContentVersionSummary[],
  ) {
    super(`content: conflict: version ${headNumber} is the latest`);
    this.name = "ContentConflictError";
  }
}
