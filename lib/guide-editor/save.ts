// The guide editor's two use cases (issue 12, docs/decisions/0026): save an edit as a new draft
// version, and publish a version. Both go through part content's store (lib/content-store/), which
// locks the item, refuses a stale base and unsafe MDX, and checks the whole site on publish; this
// module adds what the editor promises on top: an edit that breaks the guide is refused with
// messages naming the step, and a conflict says what the other editor changed.
import "server-only";
import type { StaffSessionUser } from "@/lib/auth/guards";
import type { GuideDocument } from "@/lib/content/documents";
import type { ContentProblem } from "@/lib/content/validate";
import { ContentConflictError, ContentError } from "@/lib/content-store/errors";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { publishProblems } from "@/lib/content-store/site";
import { getGuideForEditor, getGuideVersionDocument, listGuideVersionsSince } from "@/lib/data/guide-editor";
import { describeGuideChanges } from "@/lib/guide-editor/describe-changes";
import type { EditProblem } from "@/lib/guide-editor/edit-step";
import { documentProblems, type GuideProblem } from "@/lib/guide-editor/problems";
import { formatJstDateTime } from "@/lib/jst";

export type SaveResult =
  | { ok: true; number: number; problems: GuideProblem[] }
  | { ok: false; reason: "conflict"; head: number; changes: string[] }
  | { ok: false; reason: "invalid" | "not-found"; problems: GuideProblem[] };

/** "step1-2 (en)" (the store's way of naming a text) → the step, so the editor can link to it. */
export function fromStoreProblem(problem: ContentProblem): GuideProblem {
  const match = /^(\S+) \((ja|en)\)$/.exec(problem.where);
  if (match && match[1] !== "index") return { where: `ステップ「${match[1]}」(${match[2] === "ja" ? "日本語" : "英語"})`, stepId: match[1], message: problem.message };
  return problem;
}

const keyOf = (p: GuideProblem) => `${p.stepId ?? p.where}\u0000${p.message}`;

async function conflict(itemId: string, base: number, head: number): Promise<SaveResult> {
  const [before, now, since] = await Promise.all([getGuideVersionDocument(itemId, base), getGuideVersionDocument(itemId, head), listGuideVersionsSince(itemId, base)]);
  const who = since.map((v) => `第${v.number}版: ${formatJstDateTime(v.createdAt).replace("T", " ")} ${v.authorName ?? "取り込み"}${v.note ? `「${v.note}」` : ""}`);
  return { ok: false, reason: "conflict", head, changes: [...who, ...(before && now ? describeGuideChanges(before, now) : [])] };
}

/**
 * Applies `edit` to the version the editor's form was based on and saves the result as a new draft.
 * Refused: a stale base (with the changes since), an edit whose own problems or whose result has
 * problems the base did not have (the guide's existing problems do not block fixing another step),
 * and unsafe MDX.
 */
export async function saveGuideEdit(
  user: StaffSessionUser,
  guideId: string,
  base: number,
  note: string,
  edit: (doc: GuideDocument) => { doc: GuideDocument; problems: EditProblem[] },
): Promise<SaveResult> {
  const guide = await getGuideForEditor(guideId);
  if (!guide) return { ok: false, reason: "not-found", problems: [{ where: "ガイド", message: "このガイドは見つかりません。" }] };
  if (base !== guide.head.number) {
    return conflict(guide.itemId, base, guide.head.number);
  }
  const before = guide.head.document;
  const { doc, problems: editProblems } = edit(before);
  if (editProblems.length) return { ok: false, reason: "invalid", problems: editProblems };
  const known = new Set(documentProblems(before).map(keyOf));
  const introduced = documentProblems(doc).filter((p) => !known.has(keyOf(p)));
  if (introduced.length) return { ok: false, reason: "invalid", problems: introduced };
  try {
    const saved = await saveDraft({ kind: "guide", key: guideId, data: doc, baseNumber: base, note, actorId: user.id });
    return { ok: true, number: saved.number, problems: saved.problems.map(fromStoreProblem) };
  } catch (error) {
    if (error instanceof ContentConflictError) return conflict(guide.itemId, base, error.headNumber);
    if (error instanceof ContentError && (error.code === "unsafe" || error.code === "invalid")) {
      return { ok: false, reason: "invalid", problems: error.problems.map(fromStoreProblem) };
    }
    if (error instanceof ContentError && error.code === "not-found") return { ok: false, reason: "not-found", problems: [] };
    throw error;
  }
}

export type PublishResult =
  | { ok: true }
  | { ok: false; reason: "conflict"; head: number; changes: string[] }
  | { ok: false; reason: "invalid" | "not-found"; problems: GuideProblem[] };

/** Publishes the version the publish page showed, only if it is still the newest one. */
export async function publishGuideDraft(user: StaffSessionUser, guideId: string, number: number): Promise<PublishResult> {
  const guide = await getGuideForEditor(guideId);
  if (!guide) return { ok: false, reason: "not-found", problems: [] };
  // The impact shown was computed for this version; a newer save means the editor has not seen its impact.
  if (guide.head.number !== number) {
    return (await conflict(guide.itemId, number, guide.head.number)) as PublishResult;
  }
  const problems = await guidePublishProblems(guideId, guide.head.document);
  if (problems.length) return { ok: false, reason: "invalid", problems };
  try {
    await publish({ kind: "guide", key: guideId, number, actorId: user.id });
    return { ok: true };
  } catch (error) {
    if (error instanceof ContentError && error.code === "invalid") return { ok: false, reason: "invalid", problems: error.problems.map(fromStoreProblem) };
    if (error instanceof ContentError) return { ok: false, reason: "not-found", problems: [] };
    throw error;
  }
}

/**
 * Everything that keeps this document from being published now: the editor's own checks, then the
 * store's check against the live site (articles, links and topics the texts name, prefixes).
 */
export async function guidePublishProblems(guideId: string, doc: GuideDocument): Promise<GuideProblem[]> {
  const own = documentProblems(doc);
  if (own.length) return own;
  return (await publishProblems("guide", guideId, doc)).map(fromStoreProblem);
}
