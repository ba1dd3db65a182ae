// Saving a draft (issue 12): a new version on top of the one the editor started from. A draft may be
// incomplete (publish checks the whole), but never malformed or unsafe MDX, and never written over
// someone else's newer version without them seeing it (docs/decisions/0018).
import "server-only";
import { db } from "@/lib/db";
import type { ContentKind, DocumentOf } from "@/lib/content/documents";
import { draftProblems, type ContentProblem } from "@/lib/content/validate";
import { ContentConflictError, ContentError } from "@/lib/content-store/errors";
import { lockItem } from "@/lib/content-store/lock";
import { publishProblems } from "@/lib/content-store/site";
import { versionsSince, writeVersion } from "@/lib/content-store/write-version";

export type SaveDraftInput<K extends ContentKind = ContentKind> = {
  kind: K;
  key: string;
  data: DocumentOf<K>;
  /** the head version the editor loaded */
  baseNumber: number;
  note: string;
  actorId: string;
};

/**
 * Returns the new version's number and what would still keep it from being published (empty: it can
 * be published as is). Throws ContentError("unsafe") for a malformed document or unsafe MDX, and
 * ContentConflictError when someone saved after `baseNumber`.
 */
export async function saveDraft<K extends ContentKind>(input: SaveDraftInput<K>): Promise<{ number: number; problems: ContentProblem[] }> {
  const refused = await draftProblems(input.kind, input.data);
  if (refused.length) throw new ContentError("unsafe", refused);
  const number = await db().$transaction(async (tx) => {
    const item = await lockItem(tx, input.kind, input.key);
    if (input.baseNumber !== item.headNumber) throw new ContentConflictError(item.headNumber, await versionsSince(tx, item.id, input.baseNumber));
    const created = await writeVersion(tx, item, { data: input.data, note: input.note.trim(), authorId: input.actorId }, "save");
    return created.number;
  });
  return { number, problems: await publishProblems(input.kind, input.key, input.data) };
}
