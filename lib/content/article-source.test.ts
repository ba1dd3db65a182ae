import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticleSource, writeArticleSource } from "@/lib/content/article-source";

const source = readFileSync(path.join(process.cwd(), "content/articles/password-reset/ja.mdx"), "utf8");

describe("article source", () => {
  it("reads the form's fields from a real article", () => {
    const parsed = parseArticleSource(source);
    expect(parsed.title).toBe("パスワードのリセット");
    expect(parsed.topic).toBe("account");
    expect(parsed.body.startsWith("## リセット用メールアドレスを登録済みの場合")).toBe(true);
    expect(parsed.frontmatter).toMatchObject({ draft: true });
  });

  it("keeps the file byte for byte when no field changed, CRLF from a textarea included", () => {
    const parsed = parseArticleSource(source);
    expect(writeArticleSource(source, { ...parsed, body: parsed.body.replace(/\n/g, "\r\n") })).toBe(source);
  });

  it("rewrites a changed field, keeps the other keys and escapes quotes", () => {
    const parsed = parseArticleSource(source);
    const next = writeArticleSource(source, { ...parsed, title: 'パスワードの"リセット"', body: "新しい本文" }, { updated: "2026-12-01" });
    const back = parseArticleSource(next);
    expect(back.title).toBe('パスワードの"リセット"');
    expect(back.body).toBe("新しい本文");
    expect(back.frontmatter).toMatchObject({ draft: true, updated: "2026-12-01", topic: "account" });
    expect(next.split("\n").slice(0, 4)).toEqual(["---", 'title: "パスワードの\\"リセット\\""', `description: ${JSON.stringify(parsed.description)}`, 'topic: "account"']);
  });

  it("writes a new article from nothing", () => {
    const next = writeArticleSource("", { title: "T", description: "D", topic: "otp", body: "Body" }, { updated: "2026-12-01" });
    expect(next).toBe('---\ntitle: "T"\ndescription: "D"\ntopic: "otp"\nupdated: "2026-12-01"\n---\n\nBody\n');
  });

  it("shows a source with broken frontmatter as body instead of failing", () => {
    expect(parseArticleSource("---\ntitle: [\n---\nx").body).toContain("title: [");
  });
});
