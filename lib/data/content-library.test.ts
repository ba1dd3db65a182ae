// The content library's queries and its owner use case against the real PostgreSQL (issue 12):
// a language edited alone is listed as stale until the other catches up; an item past its
// review-by date is listed with its owner; only an active editor or admin may own content.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ArticleDocument } from "@/lib/content/documents";
import { setOwner } from "@/lib/content-library/set-owner";
import { createItem } from "@/lib/content-store/create-item";
import { ContentError } from "@/lib/content-store/errors";
import { saveDraft } from "@/lib/content-store/save-draft";
import { contentAttentionCounts, listOverdueReviews, listStaleTranslations } from "@/lib/data/content-library";
import { createStaff } from "@/lib/testing/factories";

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const text = (locale: string, body: string, topic = "account") =>
  `---\ntitle: "${locale} title"\ndescription: "${locale} description"\ntopic: "${topic}"\ndraft: false\nupdated: "2026-11-26"\n---\n\n${body}\n`;
const doc = (ja: string, en: string, topic?: string): ArticleDocument => ({ texts: { ja: text("ja", ja, topic), en: text("en", en, topic) } });

describe("content library", () => {
  it("lists an article whose ja changed alone, and drops it once en is edited too", async () => {
    const { user: editor } = await createStaff({ role: "editor" });
    const key = unique("stale");
    await createItem({ kind: "article", key, data: doc("本文", "Body"), actorId: editor.id });
    expect(await listStaleTranslations({ kind: "article", key })).toEqual([]);

    await saveDraft({ kind: "article", key, data: doc("新しい本文", "Body"), baseNumber: 1, note: "", actorId: editor.id });
    const [item] = await listStaleTranslations({ kind: "article", key });
    expect(item).toMatchObject({ kind: "article", key, stale: [{ stale: "en", newer: "ja", changedIn: 2, staleSince: 1 }] });
    expect((await listStaleTranslations()).some((s) => s.key === key)).toBe(true);
    expect((await contentAttentionCounts()).staleTranslations).toBeGreaterThanOrEqual(1);

    // A topic change touches both files but is not a change to translate; the en catch-up clears it.
    await saveDraft({ kind: "article", key, data: doc("新しい本文", "Body", "otp"), baseNumber: 2, note: "", actorId: editor.id });
    expect(await listStaleTranslations({ kind: "article", key })).toHaveLength(1);
    await saveDraft({ kind: "article", key, data: doc("新しい本文", "New body", "otp"), baseNumber: 3, note: "", actorId: editor.id });
    expect(await listStaleTranslations({ kind: "article", key })).toEqual([]);
  });

  it("lists an item past its review-by date with its owner, audits the change, and refuses an agent as owner", async () => {
    const { user: editor } = await createStaff({ role: "editor", name: unique("Owner") });
    const { user: agent } = await createStaff({ role: "agent" });
    const key = unique("fresh");
    const { itemId } = await createItem({ kind: "article", key, data: doc("本文", "Body"), actorId: editor.id });

    await setOwner({ kind: "article", key, ownerId: editor.id, reviewBy: "2020-01-31", actorId: editor.id });
    const overdue = (await listOverdueReviews()).find((o) => o.key === key);
    expect(overdue).toMatchObject({ kind: "article", ownerId: editor.id, ownerName: editor.name });
    expect(overdue?.reviewBy?.toISOString().slice(0, 10)).toBe("2020-01-31");
    const events = await db().contentEvent.findMany({ where: { itemId, action: "review" } });
    expect(events).toHaveLength(1);
    expect(events[0].detail).toMatchObject({ reviewBy: { before: null, after: "2020-01-31" } });

    // Saving the same again records nothing; a future date takes it off the list.
    await setOwner({ kind: "article", key, ownerId: editor.id, reviewBy: "2020-01-31", actorId: editor.id });
    expect(await db().contentEvent.count({ where: { itemId, action: "review" } })).toBe(1);
    await setOwner({ kind: "article", key, ownerId: editor.id, reviewBy: "2999-12-31", actorId: editor.id });
    expect((await listOverdueReviews()).some((o) => o.key === key)).toBe(false);

    await expect(setOwner({ kind: "article", key, ownerId: agent.id, reviewBy: null, actorId: editor.id })).rejects.toBeInstanceOf(ContentError);
    const item = await db().contentItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item.ownerId).toBe(editor.id);
  });
});
