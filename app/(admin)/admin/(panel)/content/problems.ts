// How the library's actions explain a refusal from the content store, in one wording (Japanese:
// docs/decisions/0005). Shared by the actions and the pages that show the answer.
import { ContentConflictError, ContentError } from "@/lib/content-store/errors";
import type { ContentProblem } from "@/lib/content/validate";

export type ConflictVersion = { number: number; authorName: string | null; createdAt: string; note: string };

export type StoreRefusal =
  | { kind: "conflict"; headNumber: number; since: ConflictVersion[] }
  | { kind: "problems"; message: string; problems: ContentProblem[] };

const MESSAGES: Record<ContentError["code"], string> = {
  "not-found": "この項目は見つかりません(削除された可能性があります)。",
  duplicate: "同じキーの項目がすでにあります。",
  invalid: "このままでは公開できません。次の点を直してください。",
  unsafe: "保存できない内容があります。次の点を直してください。",
  "no-version": "指定した版は見つかりません。",
};

/** The refusal to show, or null when the error is not the store's (then it is rethrown). */
export function refusalOf(error: unknown): StoreRefusal | null {
  if (error instanceof ContentConflictError) {
    return {
      kind: "conflict",
      headNumber: error.headNumber,
      since: error.since.map((v) => ({ number: v.number, authorName: v.authorName, createdAt: v.createdAt.toISOString(), note: v.note })),
    };
  }
  if (error instanceof ContentError) return { kind: "problems", message: MESSAGES[error.code], problems: error.problems };
  return null;
}
