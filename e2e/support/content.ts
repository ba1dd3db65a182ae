// The content store from the e2e specs: each call runs the real use case in a child process
// (e2e/support/content-store-cli.ts), against the same database as the app.
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function contentStore<T = unknown>(command: Record<string, unknown>): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.join(process.cwd(), "e2e/support/content-store-cli.ts"), JSON.stringify(command)],
    { env: process.env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  return JSON.parse(stdout) as T;
}

/** A guide of content/ as a document (guide.json and every .mdx per language). */
export function guideDocument(guideId: string) {
  const dir = path.join(process.cwd(), "content", "guides", guideId);
  const texts = (locale: string) =>
    Object.fromEntries(readdirSync(path.join(dir, locale)).map((f) => [f.replace(/\.mdx$/, ""), readFileSync(path.join(dir, locale, f), "utf8")]));
  return {
    declaration: JSON.parse(readFileSync(path.join(dir, "guide.json"), "utf8")) as Record<string, unknown> & {
      steps: Record<string, { label: string; leaf?: boolean; choices: { id: string; to: string }[] }>;
    },
    texts: { ja: texts("ja"), en: texts("en") } as Record<"ja" | "en", Record<string, string>>,
  };
}

export function articleDocument(topic: string, title: { ja: string; en: string }, body = "本文です。") {
  const text = (t: string) => `---\ntitle: "${t}"\ndescription: "E2E"\ntopic: "${topic}"\ndraft: false\nupdated: "2026-11-26"\n---\n\n${body}\n`;
  return { texts: { ja: text(title.ja), en: text(title.en) } };
}
