// `npm run content:export [-- --dir <folder>]`: the live (published) versions back into content/, in
// the canonical format the import reads (docs/decisions/0025). Commit the result to keep git a mirror.
import path from "node:path";
import { parseArgs } from "node:util";
import { exportContent } from "@/lib/content-store/export-content";
import { closeDb } from "@/lib/db";

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string", default: "content" } } });
  const dir = path.resolve(values.dir!);
  const { written, removed } = await exportContent(dir);
  console.log(`[tebiki] content export to ${dir}: ${written} file(s) written, ${removed.length} removed`);
  for (const rel of removed) console.log(`  removed ${rel}`);
}

main()
  .then(async () => {
    await closeDb();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error("[tebiki] content export failed:", error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
