// Unpublishing an article against the real PostgreSQL (issue 12): it leaves the live site with its
// versions kept and the audit written, but not while a live article still links to it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ArticleDocument } from "@/lib/content/documents";
import { unpublishArticle } from "@/lib/content-library/unpublish";
import { createItem } from "@/lib/content-store/create-item";
import { ContentError } from "@/lib/content-store/errors";
import { publish } from "@/lib/content-store/publish";
import { loadLiveDocuments } from "@/lib/data/content";
import { createStaff } from "@/lib/testing/factories";

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const text = (topic: string, body: string) =>
  `---\ntitle: "t"\ndescription: "d"\ntopic: "${topic}"\ndraft: false\nupdated: "2026-11-26"\n---\n\n${body}\n`;
const doc = (topic: string, body: string): ArticleDocument => ({ texts: { ja: text(topic, body), en: text(topic, body) } });

describe("unpublishArticle", () => {
  it("takes an article off the live site, keeps its versions, and refuses while a live article links to it", async () => {
    const { user } = await createStaff({ role: "editor" });
    const topic = unique("topic");
    await createItem({ kind: "topic", key: topic, data: { label: { ja: "ト", en: "T" }, position: 99 }, actorId: user.id });
    await publish({ kind: "topic", key: topic, number: 1, actorId: user.id });
    const target = unique("target");
    const linking = unique("linking");
    await createItem({ kind: "article", key: target, data: doc(topic, "Body."), actorId: user.id });
    await publish({ kind: "article", key: target, number: 1, actorId: user.id });
    await createItem({ kind: "article", key: linking, data: doc(topic, `See <ArticleLink slug="${target}">this</ArticleLink>.`), actorId: user.id });
    await publish({ kind: "article", key: linking, number: 1, actorId: user.id });

    const refused = await unpublishArticle({ key: target, actorId: user.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContentError);
    expect((refused as ContentError).problems.map((p) => p.where)).toEqual([`記事 ${linking} (ja)`, `記事 ${linking} (en)`]);
    expect(Object.hasOwn((await loadLiveDocuments()).article, target)).toBe(true);

    await unpublishArticle({ key: linking, actorId: user.id });
    await unpublishArticle({ key: target, actorId: user.id });
    const live = await loadLiveDocuments();
    expect(Object.hasOwn(live.article, target)).toBe(false);
    expect(Object.hasOwn(live.article, linking)).toBe(false);
    const item = await db().contentItem.findUniqueOrThrow({ where: { kind_key: { kind: "article", key: target } }, select: { id: true, liveVersionId: true, headNumber: true } });
    expect(item).toMatchObject({ liveVersionId: null, headNumber: 1 });
    expect(await db().contentEvent.count({ where: { itemId: item.id, action: "unpublish" } })).toBe(1);
    // Unpublishing what is not live changes nothing.
    await unpublishArticle({ key: target, actorId: user.id });
    expect(await db().contentEvent.count({ where: { itemId: item.id, action: "unpublish" } })).toBe(1);
  });
});
