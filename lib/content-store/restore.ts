// Restoring an old version (issue 12): never rewrites history; the old content becomes a new draft
// version on top of the latest, to be published like any other.
import "server-only";
import { db } from "@/lib/db";
import type { ContentKind } from "@/lib/content/documents";
import type { ContentProblem } from "@/lib/content/validate";
import { ContentError } from "@/lib/content-store/errors";
import { lockItem } from "@/lib/content-store/lock";
import { publishProblems } from "@/lib/content-store/site";
import { writeVersion } from "@/lib/content-store/write-version";

export async function restore(input: { kind: ContentKind; key: string; number: number; actorId: string }): Promise<{ number: number; problems: ContentProblem[] }> {
  const { number, data } = await db().$transaction(async (tx) => {
    const item = await lockItem(tx, input.kind, input.key);
    const old = await tx.contentVersion.findUnique({
      where: { itemId_number: { itemId: item.id, number: input.number } },
      select: { data: true },
    });
    if (!old) throw new ContentError("no-version", [], `content: ${input.kind} "${input.key}" has no version ${input.number}`);
    const created = await writeVersion(tx, item, { data: old.data, note: `版 ${input.number} に戻す`, authorId: input.actorId }, "restore", {
      number: item.headNumber + 1,
      from: input.number,
    });
    return { number: created.number, data: old.data };
  });
  return { number, problems: await publishProblems(input.kind, input.key, data) };
}
