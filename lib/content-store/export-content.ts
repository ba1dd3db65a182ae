// The export (issue 12, docs/decisions/0025): the live versions back into a content/ folder, in the
// same layout and canonical format the import reads, so git stays a faithful mirror of what is public.
import "server-only";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contentFiles, type ContentDocuments } from "@/lib/content/documents";
import { loadLiveDocuments } from "@/lib/data/content";

/** Every file under `dir` (relative, "/"-separated). */
function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/**
 * Writes the documents' files into `dir` and removes the content files that are no longer there (a
 * step removed in the product). Returns what it wrote and removed. Files other than guides/, articles/,
 * links.json and topics.json are left alone.
 */
export function writeContentDir(docs: ContentDocuments, dir: string): { written: number; removed: string[] } {
  const files = contentFiles(docs);
  const removed: string[] = [];
  for (const sub of ["guides", "articles"]) {
    for (const rel of filesUnder(path.join(dir, sub), `${sub}/`)) {
      if (!files.has(rel) && (rel.endsWith(".mdx") || rel.endsWith("/guide.json"))) {
        rmSync(path.join(dir, rel));
        removed.push(rel);
      }
    }
  }
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { written: files.size, removed };
}

/** The live content into `dir` (content/ by default). */
export async function exportContent(dir: string) {
  return writeContentDir(await loadLiveDocuments(), dir);
}
