// What the guide editor reads (issue 12): a guide item's newest and live versions as documents, and
// its recent saves with their authors' names. Changes go through lib/guide-editor/save.ts.
import "server-only";
import { db } from "@/lib/db";
import type { GuideDocument } from "@/lib/content/documents";
import { getItem, listVersions } from "@/lib/data/content";

export type EditorVersion = { number: number; note: string; authorName: string | null; createdAt: Date; publishedAt: Date | null };
export type GuideForEditor = {
  itemId: string;
  head: { number: number; document: GuideDocument };
  live: { number: number; document: GuideDocument } | null;
  recent: EditorVersion[];
};

const RECENT = 5;

export async function getGuideForEditor(guideId: string): Promise<GuideForEditor | null> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(guideId)) return null;
  const item = await getItem("guide", guideId);
  if (!item?.head) return null;
  const versions = (await listVersions(item.id)).slice(0, RECENT);
  const authorIds = [...new Set(versions.flatMap((v) => (v.authorId ? [v.authorId] : [])))];
  const names = new Map((await db().staffUser.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  return {
    itemId: item.id,
    head: { number: item.head.number, document: item.head.data as GuideDocument },
    live: item.live ? { number: item.live.number, document: item.live.data as GuideDocument } : null,
    recent: versions.map((v) => ({ number: v.number, note: v.note, authorName: v.authorId ? (names.get(v.authorId) ?? null) : null, createdAt: v.createdAt, publishedAt: v.publishedAt })),
  };
}

/** A version's document (the base a conflicting form started from), or null. */
export async function getGuideVersionDocument(itemId: string, number: number): Promise<GuideDocument | null> {
  const version = await db().contentVersion.findUnique({ where: { itemId_number: { itemId, number } }, select: { data: true } });
  return (version?.data as GuideDocument | undefined) ?? null;
}

/** The versions saved after `number`, oldest first, with their authors' names (a conflict's explanation). */
export async function listGuideVersionsSince(itemId: string, number: number): Promise<EditorVersion[]> {
  const versions = await db().contentVersion.findMany({
    where: { itemId, number: { gt: number } },
    orderBy: { number: "asc" },
    select: { number: true, note: true, authorId: true, createdAt: true, publishedAt: true },
  });
  const ids = [...new Set(versions.flatMap((v) => (v.authorId ? [v.authorId] : [])))];
  const names = new Map((await db().staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  return versions.map((v) => ({ number: v.number, note: v.note, authorName: v.authorId ? (names.get(v.authorId) ?? null) : null, createdAt: v.createdAt, publishedAt: v.publishedAt }));
}
