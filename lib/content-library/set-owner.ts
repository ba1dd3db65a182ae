// An item's owner and review-by date (issue 12: freshness). Not part of a version: they say who looks
// after the item and when it is next due for a look, whatever its text. Audited as "review".
import "server-only";
import { db } from "@/lib/db";
import type { ContentKind } from "@/lib/content/documents";
import { ContentError } from "@/lib/content-store/errors";
import { recordContentEvent } from "@/lib/content-store/events";
import { lockItem } from "@/lib/content-store/lock";

export async function setOwner(input: { kind: ContentKind; key: string; ownerId: string | null; reviewBy: string | null; actorId: string }) {
  await db().$transaction(async (tx) => {
    const item = await lockItem(tx, input.kind, input.key);
    if (input.ownerId) {
      const owner = await tx.staffUser.findFirst({ where: { id: input.ownerId, active: true, role: { in: ["editor", "admin"] } }, select: { id: true } });
      if (!owner) throw new ContentError("invalid", [{ where: "担当者", message: "担当者は有効な編集者か管理者から選んでください" }]);
    }
    const reviewBy = input.reviewBy ? new Date(`${input.reviewBy}T00:00:00Z`) : null;
    const before = await tx.contentItem.findUniqueOrThrow({ where: { id: item.id }, select: { ownerId: true, reviewBy: true } });
    const beforeDay = before.reviewBy?.toISOString().slice(0, 10) ?? null;
    if (before.ownerId === input.ownerId && beforeDay === input.reviewBy) return;
    await tx.contentItem.update({ where: { id: item.id }, data: { ownerId: input.ownerId, reviewBy } });
    await recordContentEvent(tx, {
      itemId: item.id,
      action: "review",
      actorId: input.actorId,
      detail: { ownerId: { before: before.ownerId, after: input.ownerId }, reviewBy: { before: beforeDay, after: input.reviewBy } },
    });
  });
}
