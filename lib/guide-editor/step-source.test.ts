import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bodyFromForm, parseStepSource, serializeStepSource } from "@/lib/guide-editor/step-source";

const guidesDir = path.join(process.cwd(), "content", "guides");
const stepFiles = readdirSync(guidesDir).flatMap((guide) =>
  ["ja", "en"].flatMap((locale) =>
    readdirSync(path.join(guidesDir, guide, locale))
      .filter((f) => f.endsWith(".mdx") && f !== "index.mdx")
      .map((f) => path.join(guidesDir, guide, locale, f)),
  ),
);

describe("a step's .mdx source as fields", () => {
  it("reads every step file of content/ and writes it back unchanged (or, for a single-quoted value, to the same fields)", () => {
    expect(stepFiles.length).toBeGreaterThan(40);
    let identical = 0;
    for (const file of stepFiles) {
      const source = readFileSync(file, "utf8");
      const parsed = parseStepSource(source);
      expect(parsed.ok, file).toBe(true);
      if (!parsed.ok) continue;
      const written = serializeStepSource(parsed.fields);
      if (written === source) identical++;
      const again = parseStepSource(written);
      expect(again.ok && again.fields, file).toEqual(parsed.fields);
    }
    // Only the few files with a single-quoted value are rewritten in the canonical style.
    expect(identical).toBeGreaterThan(stepFiles.length - 3);
  });

  it("keeps quotes, colons, backslashes and a leading '#' in values as text", () => {
    const fields = { title: 'A "quoted": #1 \\ title', description: "- not a list", question: "{1+1}?", choices: { "a-b": "yes: really" }, body: "\nBody\n" };
    const written = serializeStepSource(fields);
    expect(parseStepSource(written)).toEqual({ ok: true, fields });
  });

  it("writes an empty choice map as {} and leaves out an absent question", () => {
    const written = serializeStepSource({ title: "T", description: "D", choices: {}, body: "x\n" });
    expect(written).toBe('---\ntitle: "T"\ndescription: "D"\nchoices: {}\n---\nx\n');
    const parsed = parseStepSource(written);
    expect(parsed.ok && "question" in parsed.fields).toBe(false);
  });

  it("refuses a source without frontmatter and a choice label that is not text", () => {
    expect(parseStepSource("no frontmatter").ok).toBe(false);
    const bad = parseStepSource('---\ntitle: "T"\ndescription: "D"\nchoices:\n  a: [1, 2]\n---\n');
    expect(bad).toEqual({ ok: false, message: expect.stringContaining("「a」") });
  });

  it("takes a textarea's CRLF as LF and keeps the old body's leading blank line", () => {
    expect(bodyFromForm("line 1\r\nline 2\r\n", "\nold\n")).toBe("\nline 1\nline 2\n");
    expect(bodyFromForm("\n\nx", "old")).toBe("x");
  });
});
