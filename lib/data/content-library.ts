// Queries of the content library (issue 12, docs/decisions/0027): the index's lists, history with
// names, translation state and freshness. lib/data/content.ts (the content core) holds the basic
// item and version reads; changes go through lib/content-store/ and lib/content-library/.
import "server-only";
import { db } from "@/lib/db";
import { jstDay } from "@/lib/jst";
import { staleTranslations, type StaleTranslation, type TranslationVersion } from "@/lib/content/translation-state";

/** Names of staff members, active or not: a version's author stays named after they leave. */
export async function staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map();
  const rows = await db().staffUser.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Who may own content: active editors and admins. */
export function listContentOwners() {
  return db().staffUser.findMany({
    where: { active: true, role: { in: ["editor", "admin"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type StaleItem = { kind: "guide" | "article"; key: string; stale: StaleTranslation[] };

/**
 * Every guide and article with a translation behind, from all their versions' texts (texts only: a
 * guide's declaration is not read). Small: a few dozen items with their versions.
 */
export async function listStaleTranslations(filter?: { kind: "guide" | "article"; key: string }): Promise<StaleItem[]> {
  const rows = await db().$queryRaw<{ kind: "guide" | "article"; key: string; number: number; texts: TranslationVersion["texts"] | null }[]>`
    SELECT i."kind", i."key", v."number", v."data"->'texts' AS "texts"
    FROM "ContentItem" i JOIN "ContentVersion" v ON v."itemId" = i."id"
    WHERE i."kind" IN ('guide', 'article')
      AND (${filter?.key ?? null}::text IS NULL OR (i."kind" = ${filter?.kind ?? "article"}::"ContentKind" AND i."key" = ${filter?.key ?? ""}))
    ORDER BY i."kind", i."key", v."number"`;
  const byItem = new Map<string, { kind: "guide" | "article"; key: string; versions: TranslationVersion[] }>();
  for (const row of rows) {
    if (!row.texts || row.texts.ja == null || row.texts.en == null) continue;
    const id = `${row.kind}:${row.key}`;
    const entry = byItem.get(id) ?? { kind: row.kind, key: row.key, versions: [] };
    entry.versions.push({ number: row.number, texts: row.texts });
    byItem.set(id, entry);
  }
  return [...byItem.values()]
    .map(({ kind, key, versions }) => ({ kind, key, stale: staleTranslations(versions) }))
    .filter((item) => item.stale.length > 0);
}

/** Items whose review-by date is before today (Japan time), oldest date first, with their owner's name. */
export async function listOverdueReviews(now = new Date()) {
  const today = new Date(`${jstDay(now)}T00:00:00Z`);
  const items = await db().contentItem.findMany({
    where: { reviewBy: { lt: today } },
    orderBy: [{ reviewBy: "asc" }, { kind: "asc" }, { key: "asc" }],
    select: { id: true, kind: true, key: true, ownerId: true, reviewBy: true },
  });
  const names = await staffNames(items.map((i) => i.ownerId));
  return items.map((i) => ({ ...i, ownerName: i.ownerId ? (names.get(i.ownerId) ?? null) : null }));
}

/** The two counts the staff dashboard shows editors. */
export async function contentAttentionCounts(): Promise<{ staleTranslations: number; overdueReviews: number }> {
  const [stale, overdue] = await Promise.all([listStaleTranslations(), listOverdueReviews()]);
  return { staleTranslations: stale.length, overdueReviews: overdue.length };
}

/** Two versions' data for a diff; null for a number the item does not have. */
export async function getVersionPair(itemId: string, from: number, to: number) {
  const rows = await db().contentVersion.findMany({ where: { itemId, number: { in: [from, to] } }, select: { number: true, data: true } });
  const find = (n: number) => rows.find((r) => r.number === n) ?? null;
  return { from: find(from), to: find(to) };
}
