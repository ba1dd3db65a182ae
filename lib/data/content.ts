// Queries over the help content (issue 12, docs/decisions/0025). Changes go through
// lib/content-store/ (one use case per file); this file only reads.
import "server-only";
import { db } from "@/lib/db";
import { emptyDocuments, type ContentDocuments, type ContentKind } from "@/lib/content/documents";
import type { Prisma } from "@/lib/generated/prisma/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ITEM = {
  id: true,
  kind: true,
  key: true,
  liveVersionId: true,
  headNumber: true,
  importedNumber: true,
  ownerId: true,
  reviewBy: true,
  createdAt: true,
  updatedAt: true,
} as const;

const VERSION_SUMMARY = { id: true, number: true, note: true, authorId: true, createdAt: true, publishedAt: true } as const;

/** Every item (of one kind), by kind and key, with its live version's number (null: never published). */
export async function listItems(kind?: ContentKind) {
  const items = await db().contentItem.findMany({
    where: kind ? { kind } : {},
    orderBy: [{ kind: "asc" }, { key: "asc" }],
    select: { ...ITEM, liveVersion: { select: { number: true, publishedAt: true } } },
  });
  return items.map(({ liveVersion, ...item }) => ({
    ...item,
    liveNumber: liveVersion?.number ?? null,
    livePublishedAt: liveVersion?.publishedAt ?? null,
    /** a version newer than the live one waits to be published */
    hasDraft: item.headNumber > (liveVersion?.number ?? 0),
  }));
}
export type ContentItemRow = Awaited<ReturnType<typeof listItems>>[number];

/** An item with its head (latest) and live versions, data included; null when there is none. */
export async function getItem(kind: ContentKind, key: string) {
  const item = await db().contentItem.findUnique({
    where: { kind_key: { kind, key } },
    select: { ...ITEM, liveVersion: { select: { ...VERSION_SUMMARY, data: true } } },
  });
  if (!item) return null;
  const head = await db().contentVersion.findUnique({
    where: { itemId_number: { itemId: item.id, number: item.headNumber } },
    select: { ...VERSION_SUMMARY, data: true },
  });
  const { liveVersion, ...rest } = item;
  return { ...rest, head, live: liveVersion };
}
export type ContentItemDetail = NonNullable<Awaited<ReturnType<typeof getItem>>>;

/** An item's versions, newest first, without their data. */
export function listVersions(itemId: string) {
  if (!UUID.test(itemId)) return Promise.resolve([]);
  return db().contentVersion.findMany({ where: { itemId }, orderBy: { number: "desc" }, select: VERSION_SUMMARY });
}

/** One version with its data, or null. */
export function getVersion(itemId: string, number: number) {
  if (!UUID.test(itemId) || !Number.isSafeInteger(number)) return Promise.resolve(null);
  return db().contentVersion.findUnique({
    where: { itemId_number: { itemId, number } },
    select: { ...VERSION_SUMMARY, data: true },
  });
}

/** The audit of one item, newest first. */
export function listItemEvents(itemId: string, take = 200) {
  if (!UUID.test(itemId)) return Promise.resolve([]);
  return db().contentEvent.findMany({
    where: { itemId },
    orderBy: { at: "desc" },
    take,
    select: { id: true, action: true, actorId: true, at: true, detail: true, version: { select: { number: true } } },
  });
}

async function documentsOf(client: Prisma.TransactionClient, join: "live" | "head"): Promise<ContentDocuments> {
  const rows =
    join === "live"
      ? await client.$queryRaw<{ kind: ContentKind; key: string; data: unknown }[]>`
          SELECT i."kind", i."key", v."data" FROM "ContentItem" i JOIN "ContentVersion" v ON v."id" = i."liveVersionId"`
      : await client.$queryRaw<{ kind: ContentKind; key: string; data: unknown }[]>`
          SELECT i."kind", i."key", v."data" FROM "ContentItem" i
          JOIN "ContentVersion" v ON v."itemId" = i."id" AND v."number" = i."headNumber"`;
  const docs = emptyDocuments();
  for (const row of rows) (docs[row.kind] as Record<string, unknown>)[row.key] = row.data;
  return docs;
}

/** The published documents: what the public site shows. */
export function loadLiveDocuments(client: Prisma.TransactionClient = db()): Promise<ContentDocuments> {
  return documentsOf(client, "live");
}

/** Every item's latest version, published or not: what a draft preview shows. */
export function loadHeadDocuments(client: Prisma.TransactionClient = db()): Promise<ContentDocuments> {
  return documentsOf(client, "head");
}

/** Whether any content is in the database yet (the first start imports content/ when none is). */
export async function hasContentItems(): Promise<boolean> {
  return (await db().contentItem.count({ take: 1 })) > 0;
}

/**
 * The declarations of the guides' earlier published versions (the live one excluded), by guide: an
 * old walk URL of a removed step is redirected when an earlier published version knew it.
 */
export async function loadPastGuideDeclarations(client: Prisma.TransactionClient = db()): Promise<Map<string, unknown[]>> {
  const rows = await client.$queryRaw<{ key: string; declaration: unknown }[]>`
    SELECT DISTINCT ON (i."key", (v."data"->'declaration')::text) i."key", v."data"->'declaration' AS "declaration"
    FROM "ContentItem" i JOIN "ContentVersion" v ON v."itemId" = i."id"
    WHERE i."kind" = 'guide' AND v."publishedAt" IS NOT NULL AND v."id" IS DISTINCT FROM i."liveVersionId"`;
  const byGuide = new Map<string, unknown[]>();
  for (const row of rows) byGuide.set(row.key, [...(byGuide.get(row.key) ?? []), row.declaration]);
  return byGuide;
}
