import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ContentError } from "@/lib/content-store/errors";
import type { ContentKind } from "@/lib/content/documents";

/** Locks an item's row for the rest of the transaction: one writer per item at a time. */
export async function lockItem(tx: Prisma.TransactionClient, kind: ContentKind, key: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ContentItem" WHERE "kind" = ${kind}::"ContentKind" AND "key" = ${key} FOR UPDATE`;
  if (!rows.length) throw new ContentError("not-found", [], `content: no ${kind} "${key}"`);
  return tx.contentItem.findUniqueOrThrow({
    where: { id: rows[0].id },
    select: { id: true, kind: true, key: true, headNumber: true, liveVersionId: true, importedNumber: true },
  });
}
export type LockedItem = Awaited<ReturnType<typeof lockItem>>;
