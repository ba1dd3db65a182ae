import { describe, expect, it } from "vitest";
import { diffFiles, diffText, documentFiles } from "@/lib/content/diff";

describe("diffText", () => {
  it("numbers removed, added and context lines on both sides", () => {
    const hunks = diffText("a\nb\nc\n", "a\nB\nc\nd");
    expect(hunks).toEqual([
      {
        oldStart: 1,
        newStart: 1,
        lines: [
          { kind: "same", text: "a", oldLine: 1, newLine: 1 },
          { kind: "del", text: "b", oldLine: 2, newLine: null },
          { kind: "add", text: "B", oldLine: null, newLine: 2 },
          { kind: "same", text: "c", oldLine: 3, newLine: 3 },
          { kind: "add", text: "d", oldLine: null, newLine: 4 },
        ],
      },
    ]);
  });

  it("splits far-apart changes into hunks with the given context", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const after = before.replace("line 2\n", "line two\n").replace("line 19", "line nineteen");
    const hunks = diffText(before, after, 1);
    expect(hunks.map((h) => [h.oldStart, h.newStart, h.lines.length])).toEqual([
      [1, 1, 4],
      [18, 18, 4],
    ]);
  });

  it("finds nothing when only a trailing newline or CRLF differs", () => {
    expect(diffText("a\r\nb", "a\nb\n\n")).toEqual([]);
  });
});

describe("diffFiles and documentFiles", () => {
  it("lays an article out as ja.mdx and en.mdx and lists only the changed file", () => {
    const before = documentFiles("article", { texts: { ja: "題\n本文\n", en: "Title\nBody\n" } });
    const after = documentFiles("article", { texts: { ja: "題\n新しい本文\n", en: "Title\nBody\n" } });
    const diff = diffFiles(before, after);
    expect(diff.map((f) => [f.file, f.status, f.added, f.removed])).toEqual([["ja.mdx", "changed", 1, 1]]);
  });

  it("lays a guide out as guide.json plus one file per locale and step, index first, steps in natural order", () => {
    const files = documentFiles("guide", {
      declaration: { id: "g" },
      texts: { ja: { step10: "x", index: "i", step2: "y" }, en: { index: "I" } },
    });
    expect(Object.keys(files)).toEqual(["guide.json", "ja/index.mdx", "ja/step2.mdx", "ja/step10.mdx", "en/index.mdx"]);
    const diff = diffFiles(files, { ...files, "ja/step3.mdx": "new" });
    expect(diff.map((f) => [f.file, f.status])).toEqual([["ja/step3.mdx", "added"]]);
    const removed = diffFiles(files, { "guide.json": files["guide.json"] });
    expect(removed.map((f) => f.status)).toEqual(["removed", "removed", "removed", "removed"]);
  });

  it("shows a link's url change as a line of its JSON", () => {
    const before = documentFiles("link", { label: { ja: "ラベル", en: "Label" }, url: null, position: 1 });
    const after = documentFiles("link", { label: { ja: "ラベル", en: "Label" }, url: "https://example.org/", position: 1 });
    const [file] = diffFiles(before, after);
    const changed = file.hunks.flatMap((h) => h.lines).filter((l) => l.kind !== "same");
    expect(changed.map((l) => `${l.kind} ${l.text.trim()}`)).toEqual(['del "url": null,', 'add "url": "https://example.org/",']);
  });
});
