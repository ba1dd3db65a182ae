// Guides are discovered, not listed in code (issue 9): every folder of content/guides with a
// guide.json is a guide, so adding one is a content-only change. lib/content.ts calls this with the
// real content folder (it stays the only reader of content/); tests call it with fixture folders.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GuideDeclarationSchema, type GuideDeclaration } from "@/lib/guides/declaration";
import { validateDeclaration } from "@/lib/guides/validate-declaration";

/**
 * A guide.json's content as a checked declaration. Throws with every problem and the file's name: a
 * broken guide fails the build and the tests loudly instead of silently vanishing from the site.
 */
export function parseGuideDeclaration(raw: unknown, where: string): GuideDeclaration {
  const parsed = GuideDeclarationSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "guide"}: ${i.message}`);
    throw new Error(`${where}: invalid guide declaration:\n- ${problems.join("\n- ")}`);
  }
  const problems = validateDeclaration(parsed.data);
  if (problems.length) throw new Error(`${where}: invalid guide:\n- ${problems.join("\n- ")}`);
  return parsed.data;
}

/** Every guide under `guidesDir` (drafts included), by id, in id order. */
export function discoverGuides(guidesDir: string): Map<string, GuideDeclaration> {
  const guides = new Map<string, GuideDeclaration>();
  const folders = readdirSync(guidesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(guidesDir, entry.name, "guide.json")))
    .map((entry) => entry.name)
    .sort();
  const prefixes = new Map<string, string>();
  for (const folder of folders) {
    const file = path.join(guidesDir, folder, "guide.json");
    const where = path.relative(process.cwd(), file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${where}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const guide = parseGuideDeclaration(json, where);
    // The folder is the guide's URL segment; a different id would give it two names.
    if (guide.id !== folder) throw new Error(`${where}: id "${guide.id}" differs from its folder "${folder}"`);
    const other = prefixes.get(guide.ticketPrefix);
    // References are prefix-year-number: two guides on one prefix would make them ambiguous.
    if (other) throw new Error(`${where}: ticketPrefix "${guide.ticketPrefix}" is already used by ${other}`);
    prefixes.set(guide.ticketPrefix, guide.id);
    guides.set(guide.id, guide);
  }
  return guides;
}
