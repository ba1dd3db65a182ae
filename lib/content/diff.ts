// The differences between two versions of a content item (issue 12, docs/decisions/0027): each
// document is laid out as the files it is exported to (an article's ja.mdx and en.mdx, a guide's
// guide.json and one .mdx per step and locale), and each file is line-diffed with jsdiff (`diff`).
import { structuredPatch } from "diff";

export type DiffLine = {
  kind: "add" | "del" | "same";
  text: string;
  /** Line number in the older version (null for an added line). */
  oldLine: number | null;
  /** Line number in the newer version (null for a removed line). */
  newLine: number | null;
};

export type DiffHunk = { oldStart: number; newStart: number; lines: DiffLine[] };

export type FileDiff = {
  file: string;
  status: "added" | "removed" | "changed";
  added: number;
  removed: number;
  hunks: DiffHunk[];
};

/** A trailing newline is not something a reader can see; both sides end with exactly one. */
function normalise(text: string): string {
  return text.length === 0 ? "" : `${text.replace(/\r\n/g, "\n").replace(/\n*$/, "")}\n`;
}

/** The line diff of one file, in hunks with `context` unchanged lines around each change. */
export function diffText(before: string, after: string, context = 3): DiffHunk[] {
  const patch = structuredPatch("a", "b", normalise(before), normalise(after), "", "", { context });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const raw of hunk.lines) {
      const mark = raw[0];
      const text = raw.slice(1);
      if (mark === "+") lines.push({ kind: "add", text, oldLine: null, newLine: newLine++ });
      else if (mark === "-") lines.push({ kind: "del", text, oldLine: oldLine++, newLine: null });
      else if (mark === " ") lines.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
      // "\ No newline at end of file" cannot occur after normalise(); anything else is not a line.
    }
    return { oldStart: hunk.oldStart, newStart: hunk.newStart, lines };
  });
}

/**
 * Every file that differs between two sets of files (name -> text), in a stable order: the
 * names of `after` first as they come, then the removed ones. Equal files are left out.
 */
export function diffFiles(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  context = 3,
): FileDiff[] {
  const names = [...Object.keys(after), ...Object.keys(before).filter((name) => !Object.hasOwn(after, name))];
  const result: FileDiff[] = [];
  for (const file of names) {
    const a = Object.hasOwn(before, file) ? before[file] : undefined;
    const b = Object.hasOwn(after, file) ? after[file] : undefined;
    if (a !== undefined && b !== undefined && normalise(a) === normalise(b)) continue;
    const hunks = diffText(a ?? "", b ?? "", context);
    const lines = hunks.flatMap((h) => h.lines);
    result.push({
      file,
      status: a === undefined ? "added" : b === undefined ? "removed" : "changed",
      added: lines.filter((l) => l.kind === "add").length,
      removed: lines.filter((l) => l.kind === "del").length,
      hunks,
    });
  }
  return result;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A content document as the files a reader compares: the same layout as content/ (the exporter's),
 * so a diff here reads like a diff in git. Unknown shapes fall back to one JSON file.
 */
export function documentFiles(kind: string, data: unknown): Record<string, string> {
  if (!isRecord(data)) return { "document.json": json(data) };
  const texts = isRecord(data.texts) ? data.texts : undefined;
  if (kind === "article" && texts) {
    const files: Record<string, string> = {};
    for (const locale of ["ja", "en"]) if (typeof texts[locale] === "string") files[`${locale}.mdx`] = texts[locale];
    return files;
  }
  if (kind === "guide" && texts) {
    const files: Record<string, string> = { "guide.json": json(data.declaration) };
    for (const locale of ["ja", "en"]) {
      const perLocale = texts[locale];
      if (!isRecord(perLocale)) continue;
      for (const name of Object.keys(perLocale).sort(guideFileOrder)) {
        const source = perLocale[name];
        if (typeof source === "string") files[`${locale}/${name}.mdx`] = source;
      }
    }
    return files;
  }
  if (kind === "link") return { "link.json": json(data) };
  if (kind === "topic") return { "topic.json": json(data) };
  return { "document.json": json(data) };
}

/** "index" first, then the steps in natural order (step2 before step10). */
function guideFileOrder(a: string, b: string): number {
  if (a === "index") return b === "index" ? 0 : -1;
  if (b === "index") return 1;
  return a.localeCompare(b, "en", { numeric: true });
}
