// Publishing a version (issue 12): checked against the whole live site as it would be with it, then
// made live in one transaction that also tells every instance (NOTIFY at commit, lib/content-live/).
import "server-only";
import { db } from "@/lib/db";
import type { ContentKind } from "@/lib/content/documents";
import { ContentError } from "@/lib/content-store/errors";
import { recordContentEvent } from "@/lib/content-store/events";
import { lockItem } from "@/lib/content-store/lock";
import { publishProblems } from "@/lib/content-store/site";
import { CONTENT_CHANNEL } from "@/lib/content/channel";
import type { Prisma } from "@/lib/generated/prisma/client";

export type PublishInput = { kind: ContentKind; key: string; number: number; actorId: string | null; note?: string };

/** Publishes inside a caller's transaction (the import publishes many items in one). */
export async function publishInTransaction(tx: Prisma.TransactionClient, input: PublishInput, action: "publish" | "import" = "publish") {
  const item = await lockItem(tx, input.kind, input.key);
  const version = await tx.contentVersion.findUnique({
    where: { itemId_number: { itemId: item.id, number: input.number } },
    select: { id: true, number: true, data: true },
  });
  if (!version) throw new ContentError("no-version", [], `content: ${input.kind} "${input.key}" has no version ${input.number}`);
  const problems = await publishProblems(input.kind, input.key, version.data, tx);
  if (problems.length) throw new ContentError("invalid", problems);
  const at = new Date();
  await tx.contentVersion.update({ where: { id: version.id }, data: { publishedAt: at } });
  await tx.contentItem.update({ where: { id: item.id }, data: { liveVersionId: version.id } });
  if (action === "publish") {
    await recordContentEvent(tx, {
      itemId: item.id,
      versionId: version.id,
      action: "publish",
      actorId: input.actorId,
      detail: { number: version.number, previousLiveVersionId: item.liveVersionId, note: input.note?.trim() ?? "" },
    });
  }
  // Delivered at commit only, so a rolled-back publish never makes an instance reload.
  await tx.$executeRaw`SELECT pg_notify(${CONTENT_CHANNEL}, ${JSON.stringify({ kind: input.kind, key: input.key, number: version.number })})`;
  return { number: version.number, publishedAt: at };
}

/**
 * Makes version `number` live. Throws ContentError("invalid") with every problem (each naming where,
 * e.g. "step1-2 (en)") when the site would be broken with it; nothing changes then.
 */
export async function publish(input: PublishInput): Promise<{ number: number; publishedAt: Date }> {
  return db().$transaction((tx) => publishInTransaction(tx, input), { timeout: 30_000 });
}
