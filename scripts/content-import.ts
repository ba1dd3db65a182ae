// `npm run content:import [-- --dir <folder>]`: content/ into the database (docs/decisions/0025).
// Adds new items, updates the ones not edited in the product since the last import, publishes what
// it imports and lists conflicts (edited in the product and changed in the files) without touching them.
import path from "node:path";
import { parseArgs } from "node:util";
import { readContentDir } from "@/lib/content/documents";
import { ContentError } from "@/lib/content-store/errors";
import { importContent } from "@/lib/content-store/import-content";
import { closeDb } from "@/lib/db";

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string", default: "content" } } });
  const dir = path.resolve(values.dir!);
  const report = await importContent(readContentDir(dir));
  console.log(
    `[tebiki] content import from ${dir}: ${report.added.length} added, ${report.updated.length} updated, ` +
      `${report.unchanged} unchanged, ${report.keptProductEdits.length} edited in the product (kept), ${report.conflicts.length} conflict(s)`,
  );
  for (const name of [...report.added.map((n) => `added ${n}`), ...report.updated.map((n) => `updated ${n}`)]) console.log(`  ${name}`);
  for (const c of report.conflicts) {
    console.log(`  CONFLICT ${c.kind} ${c.key}: edited in the product (version ${c.headNumber}) and changed in the files; not imported`);
  }
  return report.conflicts.length ? 2 : 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error) => {
    if (error instanceof ContentError) {
      console.error(`[tebiki] content import refused (${error.code}), nothing changed:`);
      for (const p of error.problems) console.error(`  ${p.where}: ${p.message}`);
    } else console.error("[tebiki] content import failed:", error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
