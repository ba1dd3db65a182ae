// The import and export against the real PostgreSQL (issue 12, docs/decisions/0025): content/ round
// trips byte for byte, and the import's rules (add, update what the product left alone, never
// overwrite a product edit, list conflicts, publish what it imports) hold.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentFiles, emptyDocuments, readContentDir, type ArticleDocument, type ContentDocuments } from "@/lib/content/documents";
import { writeContentDir } from "@/lib/content-store/export-content";
import { importContent } from "@/lib/content-store/import-content";
import { saveDraft } from "@/lib/content-store/save-draft";
import { getItem, loadLiveDocuments } from "@/lib/data/content";
import { db } from "@/lib/db";
import { createStaff } from "@/lib/testing/factories";

const CONTENT = path.join(process.cwd(), "content");

// The e2e suite runs on this database next: leave only the content of content/ behind.
const created: string[] = [];
afterAll(async () => {
  await db().contentItem.updateMany({ where: { key: { in: created } }, data: { liveVersionId: null } });
  await db().contentItem.deleteMany({ where: { key: { in: created } } });
});

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Only the items a document set names: other tests add their own items to the same database. */
function only(site: ContentDocuments, names: ContentDocuments): ContentDocuments {
  const out = emptyDocuments();
  for (const kind of Object.keys(names) as (keyof ContentDocuments)[]) {
    for (const key of Object.keys(names[kind])) (out[kind] as Record<string, unknown>)[key] = site[kind][key];
  }
  return out;
}

describe("content/ round trip", () => {
  it("imports content/ and exports the live versions to the same bytes, every file", async () => {
    const docs = readContentDir(CONTENT);
    await importContent(docs);
    // A second import finds nothing to do.
    const again = await importContent(docs);
    expect(again).toMatchObject({ added: [], updated: [], conflicts: [] });

    const exported = contentFiles(only(await loadLiveDocuments(), docs));
    const onDisk = filesUnder(CONTENT).sort();
    expect([...exported.keys()].sort()).toEqual(onDisk);
    for (const rel of onDisk) expect(exported.get(rel), rel).toBe(readFileSync(path.join(CONTENT, rel), "utf8"));

    // And the exporter writes exactly those files into a folder.
    const dir = mkdtempSync(path.join(tmpdir(), "export-"));
    writeContentDir(only(await loadLiveDocuments(), docs), dir);
    for (const rel of onDisk) expect(readFileSync(path.join(dir, rel), "utf8"), rel).toBe(readFileSync(path.join(CONTENT, rel), "utf8"));
  });
});

describe("import rules", () => {
  const articleText = (topic: string, body: string, draft = false) =>
    `---\ntitle: "t"\ndescription: "d"\ntopic: "${topic}"\ndraft: ${draft}\nupdated: "2026-11-26"\n---\n\n${body}\n`;
  const article = (topic: string, body: string, draft = false): ArticleDocument => ({
    texts: { ja: articleText(topic, body, draft), en: articleText(topic, body, draft) },
  });

  it("adds and publishes, updates what the product left alone, keeps product edits and lists conflicts", async () => {
    const { user } = await createStaff({ role: "editor" });
    const id = randomUUID().slice(0, 8);
    const [topic, a, b, c] = [`topic-${id}`, `a-${id}`, `b-${id}`, `c-${id}`];
    created.push(topic, a, b, c);
    const files = (bodies: { a: string; b: string; c: string }) => {
      const docs = emptyDocuments();
      docs.topic[topic] = { label: { ja: "話題", en: "Topic" }, position: 0 };
      docs.article[a] = article(topic, bodies.a, true);
      docs.article[b] = article(topic, bodies.b);
      docs.article[c] = article(topic, bodies.c);
      return docs;
    };
    const now = new Date("2026-11-26T03:00:00Z");
    const first = await importContent(files({ a: "a1", b: "b1", c: "c1" }), { now });
    expect(first.added).toEqual([`topic ${topic}`, `article ${a}`, `article ${b}`, `article ${c}`]);
    // Published as imported; a draft written for review is due for review on import day.
    const itemA = (await getItem("article", a))!;
    expect(itemA).toMatchObject({ headNumber: 1, importedNumber: 1, live: { number: 1 }, reviewBy: new Date("2026-11-26T00:00:00Z") });
    expect((await getItem("article", b))!.reviewBy).toBeNull();

    // b and c are edited in the product; then the files change a and b.
    await saveDraft({ kind: "article", key: b, data: article(topic, "b-product"), baseNumber: 1, note: "", actorId: user.id });
    await saveDraft({ kind: "article", key: c, data: article(topic, "c-product"), baseNumber: 1, note: "", actorId: user.id });
    const second = await importContent(files({ a: "a2", b: "b2", c: "c1" }), { now });
    expect(second.updated).toEqual([`article ${a}`]);
    expect(second.conflicts).toEqual([{ kind: "article", key: b, headNumber: 2, importedNumber: 1 }]);
    expect(second.keptProductEdits).toEqual([`article ${c}`]);
    expect((await getItem("article", a))!).toMatchObject({ headNumber: 2, importedNumber: 2, live: { number: 2 } });
    const itemB = (await getItem("article", b))!;
    expect(itemB).toMatchObject({ headNumber: 2, importedNumber: 1, live: { number: 1 } });
    expect((itemB.head!.data as ArticleDocument).texts.ja).toContain("b-product");
  });

  it("refuses an import that would break the site, changing nothing", async () => {
    const id = randomUUID().slice(0, 8);
    const docs = emptyDocuments();
    docs.article[`x-${id}`] = article(`no-topic-${id}`, "x");
    await expect(importContent(docs)).rejects.toMatchObject({ code: "invalid" });
    expect(await getItem("article", `x-${id}`)).toBeNull();
  });
});
