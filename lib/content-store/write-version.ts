import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordContentEvent, type ContentAction } from "@/lib/content-store/events";
import type { ContentVersionSummary } from "@/lib/content-store/errors";
import type { LockedItem } from "@/lib/content-store/lock";

/** Appends the next version to a locked item and records it in the audit. */
export async function writeVersion(
  tx: Prisma.TransactionClient,
  item: LockedItem,
  version: { data: unknown; note: string; authorId: string | null },
  action: ContentAction,
  detail?: Prisma.InputJsonValue,
) {
  const number = item.headNumber + 1;
  const created = await tx.contentVersion.create({
    data: { itemId: item.id, number, data: version.data as Prisma.InputJsonValue, note: version.note, authorId: version.authorId },
    select: { id: true, number: true },
  });
  await tx.contentItem.update({ where: { id: item.id }, data: { headNumber: number } });
  await recordContentEvent(tx, { itemId: item.id, versionId: created.id, action, actorId: version.authorId, detail: detail ?? { number } });
  return created;
}

/** The versions after `number`, oldest first, with their authors' names (for a conflict's explanation). */
export async function versionsSince(tx: Prisma.TransactionClient, itemId: string, number: number): Promise<ContentVersionSummary[]> {
  const versions = await tx.contentVersion.findMany({
    where: { itemId, number: { gt: number } },
    orderBy: { number: "asc" },
    select: { number: true, authorId: true, createdAt: true, note: true },
  });
  const ids = [...new Set(versions.map((v) => v.authorId).filter((id): id is string => id !== null))];
  const names = new Map((await tx.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  return versions.map((v) => ({ ...v, authorName: v.authorId ? (names.get(v.authorId) ?? null) : null }));
}
