// Taking an article off the public site (issue 12: "an unpublished article is not public at all").
// Its versions stay; a later publish brings it back. Refused while a live guide or article links to
// it, since those links would then lead to a 404. Audited, and announced like a publish so every
// instance drops the page (lib/content-live/).
import "server-only";
import { db } from "@/lib/db";
import { CONTENT_CHANNEL } from "@/lib/content/channel";
import { articleReferences } from "@/lib/content/link-usage";
import { ContentError } from "@/lib/content-store/errors";
import { lockItem } from "@/lib/content-store/lock";
import { loadLiveDocuments } from "@/lib/data/content";

export async function unpublishArticle(input: { key: string; actorId: string }) {
  await db().$transaction(async (tx) => {
    const item = await lockItem(tx, "article", input.key);
    if (!item.liveVersionId) return;
    const references = articleReferences(await loadLiveDocuments(tx), input.key);
    if (references.length) {
      throw new ContentError(
        "invalid",
        references.map((where) => ({ where, message: "この記事へのリンクがあります。先にリンクを外して公開してください" })),
      );
    }
    await tx.contentItem.update({ where: { id: item.id }, data: { liveVersionId: null } });
    // "unpublish" is not one of the store's actions (ContentAction); the audit column is free text.
    await tx.contentEvent.create({ data: { itemId: item.id, versionId: item.liveVersionId, action: "unpublish", actorId: input.actorId } });
    await tx.$executeRaw`SELECT pg_notify(${CONTENT_CHANNEL}, ${JSON.stringify({ kind: "article", key: input.key, number: null })})`;
  });
}
