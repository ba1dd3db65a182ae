// The content store against the real PostgreSQL (issue 12): versions, conflicts, publishing with the
// whole site checked, restore, and MDX that must never reach the compiler.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ArticleDocument, GuideDocument } from "@/lib/content/documents";
import { readContentDir } from "@/lib/content/documents";
import { createItem } from "@/lib/content-store/create-item";
import { ContentConflictError, ContentError } from "@/lib/content-store/errors";
import { publish } from "@/lib/content-store/publish";
import { restore } from "@/lib/content-store/restore";
import { saveDraft } from "@/lib/content-store/save-draft";
import { CONTENT_CHANNEL } from "@/lib/content/channel";
import { getItem, listVersions, loadLiveDocuments } from "@/lib/data/content";
import { createStaff } from "@/lib/testing/factories";

const created: string[] = [];
const unique = (prefix: string) => {
  const key = `${prefix}-${randomUUID().slice(0, 8)}`;
  created.push(key);
  return key;
};

// The e2e suite runs on this database next: leave no test topics or articles on its public pages.
afterAll(async () => {
  await db().contentItem.updateMany({ where: { key: { in: created } }, data: { liveVersionId: null } });
  await db().contentItem.deleteMany({ where: { key: { in: created } } });
});

function articleText(topic: string, body: string, locale: "ja" | "en" = "ja") {
  return `---\ntitle: "${locale} title"\ndescription: "${locale} description"\ntopic: "${topic}"\ndraft: false\nupdated: "2026-11-26"\n---\n\n${body}\n`;
}
const article = (topic: string, body = "Some text.", en = body): ArticleDocument => ({
  texts: { ja: articleText(topic, body, "ja"), en: articleText(topic, en, "en") },
});

/** A live topic of its own, so the test's articles have a topic to belong to. */
async function liveTopic(actorId: string) {
  const key = unique("topic");
  await createItem({ kind: "topic", key, data: { label: { ja: "トピック", en: "Topic" }, position: 99 }, actorId });
  await publish({ kind: "topic", key, number: 1, actorId });
  return key;
}

function problemOf(error: unknown) {
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems;
}

describe("saveDraft", () => {
  it("adds versions on top of the one the editor started from, and refuses a stale base with the versions since", async () => {
    const { user: a } = await createStaff({ role: "editor", name: "Editor A" });
    const { user: b } = await createStaff({ role: "editor", name: "Editor B" });
    const topic = await liveTopic(a.id);
    const key = unique("art");
    await createItem({ kind: "article", key, data: article(topic, "v1"), actorId: a.id });
    expect((await saveDraft({ kind: "article", key, data: article(topic, "v2"), baseNumber: 1, note: "A's edit", actorId: a.id })).number).toBe(2);

    // B loaded version 1 too and saves after A: refused, told who saved what since.
    const error = await saveDraft({ kind: "article", key, data: article(topic, "B's"), baseNumber: 1, note: "", actorId: b.id }).catch((e) => e);
    expect(error).toBeInstanceOf(ContentConflictError);
    expect(error.headNumber).toBe(2);
    expect(error.since).toEqual([expect.objectContaining({ number: 2, authorName: "Editor A", note: "A's edit" })]);

    const item = (await getItem("article", key))!;
    expect(item.headNumber).toBe(2);
    expect((item.head!.data as ArticleDocument).texts.ja).toContain("v2");
    expect((await listVersions(item.id)).map((v) => v.number)).toEqual([2, 1]);
    expect(await db().contentEvent.count({ where: { itemId: item.id, action: "save" } })).toBe(2);
  });

  it("saves an incomplete draft and says what keeps it from being published", async () => {
    const { user } = await createStaff({ role: "editor" });
    const key = unique("art");
    const created = await createItem({ kind: "article", key, data: article("no-such-topic", "Text"), actorId: user.id });
    expect(created.problems).toContainEqual({ where: "本文 (ja)", message: 'topic "no-such-topic" というトピックは公開されていません' });
  });

  it.each([
    ["an expression", "Hello {process.exit()} there", "{ } の式は使えません"],
    ["a flow expression", "{process.exit()}", "{ } の式は使えません"],
    ["an import", 'import x from "fs"\n\nText', "import / export は使えません"],
    ["an export", "export const a = 1\n\nText", "import / export は使えません"],
    ["a script element", "<script>alert(1)</script>", "<script> は使えません"],
    ["an unknown component", "Text <Foo/> text", "<Foo> は使えません"],
    ["an attribute expression", '<ArticleLink slug={"x"}>x</ArticleLink>', "属性には式を使えません"],
    ["a spread attribute", "<ArticleLink {...props}>x</ArticleLink>", "属性には式を使えません"],
    ["a javascript: link", "[click](javascript:alert(1))", "リンク先「javascript:alert(1)」は使えません"],
  ])("refuses %s even in a draft, naming the text and line", async (_, body, message) => {
    const { user } = await createStaff({ role: "editor" });
    const key = unique("art");
    const error = await createItem({ kind: "article", key, data: article("t", "Fine.", `Line one.\n\n${body}`), actorId: user.id }).catch((e) => e);
    const problems = problemOf(error);
    expect((error as ContentError).code).toBe("unsafe");
    // Frontmatter is 7 lines, a blank line, "Line one.", a blank line: the body is on line 11.
    expect(problems).toEqual([{ where: "本文 (en)", message: expect.stringContaining(message) }]);
    expect(problems[0].message).toMatch(/^11行目: /);
    expect(await getItem("article", key)).toBeNull();
  });

  it("refuses a malformed document and a duplicate key", async () => {
    const { user } = await createStaff({ role: "editor" });
    const key = unique("link");
    const bad = await createItem({ kind: "link", key, data: { label: { ja: "x" }, url: null, position: 0 } as never, actorId: user.id }).catch((e) => e);
    expect(problemOf(bad)[0].message).toContain("label.en");
    await createItem({ kind: "link", key, data: { label: { ja: "x", en: "x" }, url: null, position: 0 }, actorId: user.id });
    const dup = await createItem({ kind: "link", key, data: { label: { ja: "x", en: "x" }, url: null, position: 0 }, actorId: user.id }).catch((e) => e);
    expect(dup).toMatchObject({ code: "duplicate", problems: [{ where: "キー", message: `リンク「${key}」はすでにあります` }] });
    const badKey = await createItem({ kind: "link", key: "Has Space", data: { label: { ja: "x", en: "x" }, url: null, position: 0 }, actorId: user.id }).catch((e) => e);
    expect(badKey).toMatchObject({ code: "invalid" });
  });
});

describe("publish", () => {
  it("refuses a version that would break the site with every problem, then publishes the fixed one and NOTIFYs", async () => {
    const { user } = await createStaff({ role: "editor" });
    const topic = await liveTopic(user.id);
    const key = unique("art");
    const missing = unique("missing");
    await createItem({ kind: "article", key, data: article(topic, `See <ArticleLink slug="${missing}">this</ArticleLink>.`), actorId: user.id });
    const refused = await publish({ kind: "article", key, number: 1, actorId: user.id }).catch((e) => e);
    expect(refused).toMatchObject({ code: "invalid" });
    expect(problemOf(refused)).toEqual([
      { where: "本文 (ja)", message: `<ArticleLink slug="${missing}">: その記事は公開されていません` },
      { where: "本文 (en)", message: `<ArticleLink slug="${missing}">: その記事は公開されていません` },
    ]);
    expect((await getItem("article", key))!.liveVersionId).toBeNull();

    const listener = new Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const notices: string[] = [];
    listener.on("notification", (n) => n.channel === CONTENT_CHANNEL && notices.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CONTENT_CHANNEL}`);
    try {
      const { number } = await saveDraft({ kind: "article", key, data: article(topic, "Fixed."), baseNumber: 1, note: "fix", actorId: user.id });
      await publish({ kind: "article", key, number, actorId: user.id, note: "first" });
      await expect.poll(() => notices.map((n) => JSON.parse(n))).toContainEqual({ kind: "article", key, number: 2 });
    } finally {
      await listener.end();
    }
    const item = (await getItem("article", key))!;
    expect(item.live).toMatchObject({ number: 2, publishedAt: expect.any(Date) });
    expect((await loadLiveDocuments()).article[key].texts.en).toContain("Fixed.");
    expect(await db().contentEvent.findFirst({ where: { itemId: item.id, action: "publish" }, select: { actorId: true, detail: true } })).toMatchObject({
      actorId: user.id,
      detail: { number: 2, note: "first" },
    });
  });

  it("checks a guide's graph, both languages of every step, its choices and its form", async () => {
    const { user } = await createStaff({ role: "editor" });
    const docs = readContentDir(`${process.cwd()}/content`);
    const sso = structuredClone(docs.guide["jaist-sso"]) as GuideDocument;
    const key = unique("guide");
    sso.declaration.id = key;
    sso.declaration.ticketPrefix = "Z" + randomUUID().replace(/[^a-f]/g, "").slice(0, 4).toUpperCase().padEnd(4, "Q");
    // The test's own topic and the links and articles the texts point to, so only the breakage counts.
    const topic = await liveTopic(user.id);
    sso.declaration.catalog.topic = topic;
    const missing = unique("missing");
    sso.texts.ja.step0 += `\n<ArticleLink slug="${missing}">x</ArticleLink>\n`;
    delete sso.texts.en["step1-2"];
    sso.texts.ja["step2"] = sso.texts.ja["step2"].replace(/^choices:\n(\s+\S+:.*\n)/m, "choices:\n");
    await createItem({ kind: "guide", key, data: sso, actorId: user.id });
    const problems = problemOf(await publish({ kind: "guide", key, number: 1, actorId: user.id }).catch((e) => e));
    const wheres = problems.map((p) => `${p.where}: ${p.message}`);
    expect(wheres).toContain("step1-2 (en): 本文がありません");
    expect(wheres.some((w) => w.startsWith("step2 (ja): frontmatter の choices"))).toBe(true);
    expect(wheres).toContain(`step0 (ja): <ArticleLink slug="${missing}">: その記事は公開されていません`);
  });
});

describe("restore", () => {
  it("writes the old content as a new version on top, leaving history as it was", async () => {
    const { user } = await createStaff({ role: "editor" });
    const topic = await liveTopic(user.id);
    const key = unique("art");
    await createItem({ kind: "article", key, data: article(topic, "first"), actorId: user.id });
    await saveDraft({ kind: "article", key, data: article(topic, "second"), baseNumber: 1, note: "", actorId: user.id });
    const restored = await restore({ kind: "article", key, number: 1, actorId: user.id });
    expect(restored).toEqual({ number: 3, problems: [] });
    const item = (await getItem("article", key))!;
    expect(item.head).toMatchObject({ number: 3, note: "版 1 に戻す" });
    expect((item.head!.data as ArticleDocument).texts.ja).toContain("first");
    expect((await listVersions(item.id)).map((v) => v.number)).toEqual([3, 2, 1]);
    await expect(restore({ kind: "article", key, number: 9, actorId: user.id })).rejects.toMatchObject({ code: "no-version" });
  });
});
