import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ContentAction = "save" | "publish" | "restore" | "import" | "review";

/** The content audit: every use case writes one entry in its transaction. */
export async function recordContentEvent(
  tx: Prisma.TransactionClient,
  entry: { itemId: string; versionId?: string | null; action: ContentAction; actorId: string | null; detail?: Prisma.InputJsonValue },
) {
  await tx.contentEvent.create({
    data: { itemId: entry.itemId, versionId: entry.versionId ?? null, action: entry.action, actorId: entry.actorId, detail: entry.detail },
  });
}
