// A guide of its own for an editor spec: the password guide of content/ as a document under a fresh
// id, public, with a ticket prefix of its own, stored as one unpublished version (as if an editor had
// created it). The shared guides other specs walk are never touched.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "./db";

export type GuideDoc = { declaration: Record<string, unknown> & { steps: Record<string, unknown> }; texts: { ja: Record<string, string>; en: Record<string, string> } };

export function guideDocument(id: string): GuideDoc {
  const dir = path.join(process.cwd(), "content", "guides", "password");
  const declaration = JSON.parse(readFileSync(path.join(dir, "guide.json"), "utf8"));
  declaration.id = id;
  delete declaration.draft;
  // Its own title and symptoms: the copy is public while other specs read the home page and search,
  // which must not find the password guide's words (a draft there) on it.
  declaration.catalog.title = { ja: `E2E ガイド ${id}`, en: `E2E guide ${id}` };
  declaration.catalog.symptoms = [{ ja: `E2E 症状 ${id}`, en: `E2E symptom ${id}` }];
  // Prefixes are 2–6 capitals and unique per guide: E and five letters from a random id.
  declaration.ticketPrefix = `E${randomUUID().replace(/[^a-f]/g, "").slice(0, 5).toUpperCase().padEnd(5, "Q")}`;
  const texts = { ja: {} as Record<string, string>, en: {} as Record<string, string> };
  for (const locale of ["ja", "en"] as const) {
    for (const name of ["index", ...Object.keys(declaration.steps)]) texts[locale][name] = readFileSync(path.join(dir, locale, `${name}.mdx`), "utf8");
  }
  return { declaration, texts };
}

export async function createGuide(): Promise<string> {
  const id = `e2e-${randomUUID().slice(0, 8)}`;
  const { rows } = await sql<{ id: string }>(`INSERT INTO "ContentItem" ("kind", "key", "headNumber", "updatedAt") VALUES ('guide', $1, 1, now()) RETURNING "id"`, [id]);
  await sql(`INSERT INTO "ContentVersion" ("itemId", "number", "data", "note") VALUES ($1, 1, $2, 'e2e')`, [rows[0].id, JSON.stringify(guideDocument(id))]);
  return id;
}
