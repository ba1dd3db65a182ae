// The import (issue 12, docs/decisions/0025): content/ into the database. Run by `npm run
// content:import`, by the seed and by the first start of a server whose database has no content.
// What is in the files is published (what is in git today is public today), except that an item
// edited in the product since the last import is never overwritten: when its file changed too, it is
// listed as a conflict for a person to settle.
import "server-only";
import { isDeepStrictEqual } from "node:util";
import matter from "gray-matter";
import { db } from "@/lib/db";
import { CONTENT_KINDS, type ArticleDocument, type ContentDocuments, type ContentKind } from "@/lib/content/documents";
import { CONTENT_CHANNEL } from "@/lib/content/channel";
import { draftProblems, validateContent, type ContentProblem } from "@/lib/content/validate";
import { ContentError } from "@/lib/content-store/errors";
import { recordContentEvent } from "@/lib/content-store/events";
import { loadLiveDocuments } from "@/lib/data/content";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ImportReport = {
  added: string[];
  updated: string[];
  unchanged: number;
  /** edited in the product since the last import, and changed in the files too: left as they are */
  conflicts: { kind: ContentKind; key: string; headNumber: number; importedNumber: number | null }[];
  /** edited in the product, files unchanged: the product's version stands */
  keptProductEdits: string[];
};

// Links and topics first: articles and guides refer to them; the whole site is checked at the end.
const ORDER: ContentKind[] = ["topic", "link", "article", "guide"];
// One import at a time across instances: two servers starting at once must not both add the items.
const IMPORT_LOCK = 0x7e_b1_c0_01;

/** An article written for staff review (frontmatter draft: true) is due for review on import day. */
function reviewByFor(kind: ContentKind, data: unknown, today: Date): Date | null {
  if (kind !== "article") return null;
  const { data: fm } = matter(`${(data as ArticleDocument).texts.ja}`);
  return fm.draft === true ? new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) : null;
}

async function importItem(
  tx: Prisma.TransactionClient,
  kind: ContentKind,
  key: string,
  data: unknown,
  today: Date,
  report: ImportReport,
  touched: { kind: ContentKind; key: string }[],
) {
  const name = `${kind} ${key}`;
  const rows = await tx.$queryRaw<{ id: string; headNumber: number; importedNumber: number | null; liveVersionId: string | null }[]>`
    SELECT "id", "headNumber", "importedNumber", "liveVersionId" FROM "ContentItem"
    WHERE "kind" = ${kind}::"ContentKind" AND "key" = ${key} FOR UPDATE`;
  const item = rows[0];
  if (!item) {
    const created = await tx.contentItem.create({
      data: { kind, key, headNumber: 1, importedNumber: 1, reviewBy: reviewByFor(kind, data, today) },
      select: { id: true },
    });
    const version = await tx.contentVersion.create({
      data: { itemId: created.id, number: 1, data: data as Prisma.InputJsonValue, note: "content/ から取り込み", authorId: null, publishedAt: today },
      select: { id: true },
    });
    await tx.contentItem.update({ where: { id: created.id }, data: { liveVersionId: version.id } });
    await recordContentEvent(tx, { itemId: created.id, versionId: version.id, action: "import", actorId: null, detail: { number: 1, added: true } });
    report.added.push(name);
    touched.push({ kind, key });
    return;
  }
  const imported =
    item.importedNumber === null
      ? null
      : await tx.contentVersion.findUnique({ where: { itemId_number: { itemId: item.id, number: item.importedNumber } }, select: { data: true } });
  if (imported && isDeepStrictEqual(imported.data, data)) {
    // The files did not change since the last import: whatever the product did since stands.
    if (item.headNumber === item.importedNumber) report.unchanged++;
    else report.keptProductEdits.push(name);
    return;
  }
  if (item.headNumber !== item.importedNumber) {
    const head = await tx.contentVersion.findUnique({ where: { itemId_number: { itemId: item.id, number: item.headNumber } }, select: { id: true, data: true } });
    if (head && isDeepStrictEqual(head.data, data)) {
      // The product and the files say the same (say, after an export): confirm it.
      await tx.contentItem.update({ where: { id: item.id }, data: { importedNumber: item.headNumber } });
      report.unchanged++;
      return;
    }
    report.conflicts.push({ kind, key, headNumber: item.headNumber, importedNumber: item.importedNumber });
    return;
  }
  const number = item.headNumber + 1;
  const version = await tx.contentVersion.create({
    data: { itemId: item.id, number, data: data as Prisma.InputJsonValue, note: "content/ から取り込み", authorId: null, publishedAt: today },
    select: { id: true },
  });
  const reviewBy = reviewByFor(kind, data, today);
  await tx.contentItem.update({
    where: { id: item.id },
    data: { headNumber: number, importedNumber: number, liveVersionId: version.id, ...(reviewBy ? { reviewBy } : {}) },
  });
  await recordContentEvent(tx, {
    itemId: item.id,
    versionId: version.id,
    action: "import",
    actorId: null,
    detail: { number, previousLiveVersionId: item.liveVersionId },
  });
  report.updated.push(name);
  touched.push({ kind, key });
}

/**
 * Imports documents (readContentDir's) in one transaction. Refuses the whole import with every problem
 * when the site would be broken by it (nothing changes then).
 */
export async function importContent(docs: ContentDocuments, options: { now?: Date } = {}): Promise<ImportReport> {
  const today = options.now ?? new Date();
  const unsafe: ContentProblem[] = [];
  for (const kind of CONTENT_KINDS) {
    for (const [key, data] of Object.entries(docs[kind])) {
      for (const p of await draftProblems(kind, data)) unsafe.push({ where: `${kind} ${key}: ${p.where}`, message: p.message });
    }
  }
  if (unsafe.length) throw new ContentError("unsafe", unsafe);
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
      const report: ImportReport = { added: [], updated: [], unchanged: 0, conflicts: [], keptProductEdits: [] };
      const touched: { kind: ContentKind; key: string }[] = [];
      for (const kind of ORDER) {
        for (const key of Object.keys(docs[kind]).sort()) await importItem(tx, kind, key, docs[kind][key], today, report, touched);
      }
      if (touched.length) {
        const site = await loadLiveDocuments(tx);
        const problems: ContentProblem[] = [];
        for (const { kind, key } of touched) {
          for (const p of await validateContent(kind, site[kind][key], { key, site })) problems.push({ where: `${kind} ${key}: ${p.where}`, message: p.message });
        }
        if (problems.length) throw new ContentError("invalid", problems);
        await tx.$executeRaw`SELECT pg_notify(${CONTENT_CHANNEL}, ${JSON.stringify({ import: touched.length })})`;
      }
      return report;
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}
