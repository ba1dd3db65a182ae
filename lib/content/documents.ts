// The help content as documents (issue 12, docs/decisions/0025): what one ContentVersion.data holds per
// kind, and how a content/ folder maps to documents and back. The documents keep the files' text
// exactly (a guide's declaration as the guide.json object, MDX as the whole file with its
// frontmatter), so an import followed by an export gives the same bytes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { GuideDeclarationSchema, LocalizedSchema, type GuideDeclaration } from "@/lib/guides/declaration";

export const CONTENT_KINDS = ["guide", "article", "link", "topic"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const LOCALES = ["ja", "en"] as const;

/** Keys of content items: guide ids, article slugs, link and topic ids. They are URL segments or JSON keys. */
export const ContentKeySchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "使えるのは半角英小文字・数字・ハイフンです(例: otp-reset)");

/** "index" or a step id → the whole .mdx file. */
const TextsSchema = z.record(z.string(), z.string());

/**
 * A guide: guide.json as it is (its `$comment` included) and every .mdx file per language. The
 * declaration is checked with its own schema, but the object stored is the one given, key order and
 * all (zod's output would reorder keys), so use this schema to check, never to transform.
 */
export const GuideDocumentSchema = z
  .object({
    declaration: GuideDeclarationSchema,
    texts: z.object({ ja: TextsSchema, en: TextsSchema }).strict(),
  })
  .strict();
export const ArticleDocumentSchema = z.object({ texts: z.object({ ja: z.string(), en: z.string() }).strict() }).strict();
export const LinkDocumentSchema = z
  .object({ label: LocalizedSchema, url: z.string().nullable(), position: z.number().int() })
  .strict();
export const TopicDocumentSchema = z.object({ label: LocalizedSchema, position: z.number().int() }).strict();

export type GuideDocument = {
  declaration: GuideDeclaration;
  texts: { ja: Record<string, string>; en: Record<string, string> };
};
export type ArticleDocument = z.infer<typeof ArticleDocumentSchema>;
export type LinkDocument = z.infer<typeof LinkDocumentSchema>;
export type TopicDocument = z.infer<typeof TopicDocumentSchema>;

export type DocumentOf<K extends ContentKind> = K extends "guide"
  ? GuideDocument
  : K extends "article"
    ? ArticleDocument
    : K extends "link"
      ? LinkDocument
      : TopicDocument;
export type ContentDocument = GuideDocument | ArticleDocument | LinkDocument | TopicDocument;

export const DOCUMENT_SCHEMAS: Record<ContentKind, z.ZodType> = {
  guide: GuideDocumentSchema,
  article: ArticleDocumentSchema,
  link: LinkDocumentSchema,
  topic: TopicDocumentSchema,
};

/** The site's content: every document by kind and key (what a snapshot is built from). */
export type ContentDocuments = { [K in ContentKind]: Record<string, DocumentOf<K>> };

export function emptyDocuments(): ContentDocuments {
  return { guide: {}, article: {}, link: {}, topic: {} };
}

/** Checks a document's shape (not its meaning: lib/content/validate.ts). Problems as sentences. */
export function checkDocumentShape(kind: ContentKind, data: unknown): string[] {
  const result = DOCUMENT_SCHEMAS[kind].safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".") || "document"}: ${i.message}`);
}

/** The document with a given shape, or throws: for data read back from the database. */
export function asDocument<K extends ContentKind>(kind: K, data: unknown): DocumentOf<K> {
  const problems = checkDocumentShape(kind, data);
  if (problems.length) throw new Error(`${kind} document: ${problems.join("; ")}`);
  return data as DocumentOf<K>;
}

// ---------------------------------------------------------------------------------------------
// content/ folder layout

/** links.json's leading comment; not content (no item holds it), so the exporter writes it back as is. */
export const LINKS_COMMENT =
  'Outside links used by <ExternalLink id="...">. This is the only place outside addresses are configured. Every url is null on purpose: help-desk staff fill in the real addresses. A null url is rendered as plain text (the label), not as a link.';

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function mdxFiles(dir: string): Record<string, string> {
  const texts: Record<string, string> = {};
  if (!existsSync(dir)) return texts;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".mdx")).sort()) {
    texts[name.slice(0, -".mdx".length)] = readFileSync(path.join(dir, name), "utf8");
  }
  return texts;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Every document of a content/ folder, as the files say (not validated beyond being JSON: the import
 * and the snapshot check what they need). Links and topics get their position from the file's order.
 */
export function readContentDir(dir: string): ContentDocuments {
  const docs = emptyDocuments();
  const guidesDir = path.join(dir, "guides");
  for (const id of subfolders(guidesDir)) {
    const file = path.join(guidesDir, id, "guide.json");
    if (!existsSync(file)) continue;
    docs.guide[id] = {
      declaration: readJson(file) as GuideDeclaration,
      texts: { ja: mdxFiles(path.join(guidesDir, id, "ja")), en: mdxFiles(path.join(guidesDir, id, "en")) },
    };
  }
  const articlesDir = path.join(dir, "articles");
  for (const slug of subfolders(articlesDir)) {
    const read = (locale: string) => {
      const file = path.join(articlesDir, slug, `${locale}.mdx`);
      return existsSync(file) ? readFileSync(file, "utf8") : "";
    };
    docs.article[slug] = { texts: { ja: read("ja"), en: read("en") } };
  }
  const linksFile = path.join(dir, "links.json");
  if (existsSync(linksFile)) {
    const raw = readJson(linksFile) as Record<string, { label: { ja: string; en: string }; url: string | null }>;
    Object.entries(raw)
      .filter(([id]) => id !== "$comment")
      .forEach(([id, link], position) => (docs.link[id] = { label: link.label, url: link.url, position }));
  }
  const topicsFile = path.join(dir, "topics.json");
  if (existsSync(topicsFile)) {
    const raw = readJson(topicsFile) as Record<string, { ja: string; en: string }>;
    Object.entries(raw).forEach(([id, label], position) => (docs.topic[id] = { label, position }));
  }
  return docs;
}

/** The canonical JSON of content/ (guide.json, links.json, topics.json): 2-space indent and a newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const byPosition = <T extends { position: number }>(entries: [string, T][]) =>
  entries.sort(([a, x], [b, y]) => x.position - y.position || (a < b ? -1 : a > b ? 1 : 0));

/** The files of a content/ folder for these documents: relative path → text. The exporter writes them. */
export function contentFiles(docs: ContentDocuments): Map<string, string> {
  const files = new Map<string, string>();
  for (const [id, guide] of Object.entries(docs.guide)) {
    files.set(`guides/${id}/guide.json`, canonicalJson(guide.declaration));
    for (const locale of LOCALES) {
      for (const [name, text] of Object.entries(guide.texts[locale])) files.set(`guides/${id}/${locale}/${name}.mdx`, text);
    }
  }
  for (const [slug, article] of Object.entries(docs.article)) {
    for (const locale of LOCALES) files.set(`articles/${slug}/${locale}.mdx`, article.texts[locale]);
  }
  const links: Record<string, unknown> = { $comment: LINKS_COMMENT };
  for (const [id, link] of byPosition(Object.entries(docs.link))) links[id] = { label: link.label, url: link.url };
  files.set("links.json", canonicalJson(links));
  const topics: Record<string, unknown> = {};
  for (const [id, topic] of byPosition(Object.entries(docs.topic))) topics[id] = topic.label;
  files.set("topics.json", canonicalJson(topics));
  return files;
}
