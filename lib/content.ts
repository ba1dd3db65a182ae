// The public reader of the help content. Guides are step graphs (guide.json) plus MDX per step and
// language; articles are MDX per language; outside links and topics are JSON. Since issue 12 the
// content lives in PostgreSQL as versions (docs/decisions/0025): every accessor reads a snapshot of
// documents, by default the live one (the published versions, loaded at start and replaced on each
// publish by lib/content-live/), which starts as content/ until the database's is loaded. A preview
// passes a draft snapshot as the last argument. Frontmatter is validated with zod; MDX is compiled
// once per source text, so a new version compiles fresh and an unchanged one is not compiled again.
import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import matter from "gray-matter";
import type { MDXContent } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import { z } from "zod";
import { stepOf } from "@/lib/guide-graph";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import { readContentDir } from "@/lib/content/documents";
import {
  ArticleFrontmatterSchema,
  GuideIndexFrontmatterSchema,
  StepFrontmatterSchema,
  type ArticleFrontmatter,
  type GuideIndexFrontmatter,
  type StepFrontmatter,
} from "@/lib/content/frontmatter";
import { createSnapshot, loadedLiveSnapshot, storeLiveSnapshot, type ContentSnapshot } from "@/lib/content/snapshot";
import type { Locale } from "@/lib/i18n";

export type { ContentSnapshot };

/**
 * content/, or TEBIKI_CONTENT_DIR: a test points it at a copy of content/ with a fixture guide added,
 * to prove that a guide is a content-only change (issue 9, docs/decisions/0015). Not for production.
 */
export const CONTENT_DIR = process.env.TEBIKI_CONTENT_DIR || path.join(process.cwd(), "content");

// ---------------------------------------------------------------------------------------------
// Schemas (lib/content/frontmatter.ts, shared with the publish checks)

export {
  ArticleFrontmatterSchema,
  GuideIndexFrontmatterSchema,
  StepFrontmatterSchema,
  type ArticleFrontmatter,
  type GuideIndexFrontmatter,
  type StepFrontmatter,
} from "@/lib/content/frontmatter";

// ---------------------------------------------------------------------------------------------
// MDX

/** What the compiler saw in a document besides the component: plain text and link targets. */
export type CompiledMdx = {
  Content: MDXContent;
  /** Plain text, one block (paragraph, heading, list item, standalone link) per entry. */
  blocks: string[];
  articleLinks: string[];
  externalLinks: string[];
  contactLinks: number;
};

type MdNode = {
  type: string;
  value?: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
};

function plainText(node: MdNode): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
  return (node.children ?? []).map(plainText).join("");
}

const BLOCKS = new Set(["paragraph", "heading"]);

/** A remark plugin that records the document's text blocks and link targets while it compiles. */
function collect(into: Omit<CompiledMdx, "Content">) {
  const links = (node: MdNode) => {
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      const attr = (name: string) => node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name)?.value;
      if (node.name === "ArticleLink") into.articleLinks.push(String(attr("slug")));
      if (node.name === "ExternalLink") into.externalLinks.push(String(attr("id")));
      if (node.name === "ContactLink") into.contactLinks += 1;
    }
    for (const child of node.children ?? []) links(child);
  };
  const blocks = (node: MdNode) => {
    const hasBlockChild = (node.children ?? []).some((c) => BLOCKS.has(c.type) || c.type === "list");
    if (BLOCKS.has(node.type) || (node.type === "mdxJsxFlowElement" && !hasBlockChild)) {
      const value = plainText(node).replace(/\s+/g, " ").trim();
      if (value) into.blocks.push(value);
      return;
    }
    for (const child of node.children ?? []) blocks(child);
  };
  return () => (tree: MdNode) => {
    links(tree);
    blocks(tree);
  };
}

async function compileMdx(source: string, file: string): Promise<CompiledMdx> {
  const info: Omit<CompiledMdx, "Content"> = { blocks: [], articleLinks: [], externalLinks: [], contactLinks: 0 };
  try {
    // Imported here, not at the top: @mdx-js/mdx is ESM-only, and scripts run under tsx (the seed,
    // through lib/testing/factories.ts) load this module as CommonJS without ever compiling MDX.
    const { evaluate } = await import("@mdx-js/mdx");
    const mod = await evaluate(source, { ...runtime, development: false, remarkPlugins: [collect(info)] });
    return { Content: mod.default, ...info };
  } catch (error) {
    throw new Error(`${file}: MDX does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readMatter<T>(source: string, file: string, schema: z.ZodType<T>): { data: T; body: string } {
  const parsed = matter(source);
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "frontmatter"}: ${i.message}`).join("; ");
    throw new Error(`${file}: invalid frontmatter: ${problems}`);
  }
  return { data: result.data, body: parsed.content };
}

// Keyed by the source's hash: a published version compiles once per process, whichever item or
// snapshot it comes from. Bounded, since every edit in a preview is a new source.
const compiled = new Map<string, Promise<CompiledMdx>>();
const COMPILE_CACHE_LIMIT = 2000;
function compileCached(source: string, file: string): Promise<CompiledMdx> {
  const key = createHash("sha256").update(source).digest("base64url");
  let promise = compiled.get(key);
  if (!promise) {
    if (compiled.size >= COMPILE_CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    promise = compileMdx(source, file);
    // A failed compile is not cached, so a fixed file is picked up by a dev server.
    promise.catch(() => compiled.delete(key));
    compiled.set(key, promise);
  }
  return promise;
}

// ---------------------------------------------------------------------------------------------
// The live snapshot

const FOLDER = Symbol.for("tebiki.content.folder");
// Keyed by the folder: a test process may point TEBIKI_CONTENT_DIR elsewhere for one file.
const holder = globalThis as unknown as { [FOLDER]?: { dir: string; snapshot: ContentSnapshot } };

/** The snapshot of the content/ folder (or TEBIKI_CONTENT_DIR), read once. */
export function folderSnapshot(): ContentSnapshot {
  if (holder[FOLDER]?.dir !== CONTENT_DIR) {
    holder[FOLDER] = { dir: CONTENT_DIR, snapshot: createSnapshot(readContentDir(CONTENT_DIR), { source: "content/" }) };
  }
  return holder[FOLDER].snapshot;
}

/** The snapshot pages read: the live versions once loaded, until then content/. */
export function liveSnapshot(): ContentSnapshot {
  return loadedLiveSnapshot() ?? folderSnapshot();
}

/** Replaces the live snapshot at once: a request reads the old one or the new one, never a mix. */
export function setLiveSnapshot(snapshot: ContentSnapshot): void {
  storeLiveSnapshot(snapshot);
}

const snap = (snapshot?: ContentSnapshot) => snapshot ?? liveSnapshot();

// ---------------------------------------------------------------------------------------------
// Guides

/** The guides the public sees, in id order. Drafts wait for help-desk review (issue 9). */
export function listGuideIds(snapshot?: ContentSnapshot): string[] {
  return [...snap(snapshot).guides.values()].filter((g) => !g.draft).map((g) => g.id);
}

/** Every guide, drafts included: content checks and staff views. */
export function listAllGuideIds(snapshot?: ContentSnapshot): string[] {
  return [...snap(snapshot).guides.keys()];
}

/**
 * The public guide a URL or a request names, or null when there is no such guide or it is a draft.
 * Pages and actions resolve a guide with this first, so a draft has no public page.
 */
export function getGuide(guideId: string, snapshot?: ContentSnapshot): GuideDeclaration | null {
  const guide = snap(snapshot).guides.get(guideId);
  return guide && !guide.draft ? guide : null;
}

/** Any guide, drafts included, for the text of a guide already resolved and for content checks. */
export function getGuideDeclaration(guideId: string, snapshot?: ContentSnapshot): GuideDeclaration | null {
  return snap(snapshot).guides.get(guideId) ?? null;
}

/** A guide text ("index" or a step id) and the file name it has in content/, for messages. */
function guideText(s: ContentSnapshot, guideId: string, locale: Locale, name: string): { source: string; file: string } {
  const file = `guides/${guideId}/${locale}/${name}.mdx`;
  const texts = s.docs.guide[guideId]?.texts[locale];
  const source = texts && Object.hasOwn(texts, name) ? texts[name] : undefined;
  if (source === undefined) throw new Error(`${file}: missing`);
  return { source, file };
}

export type GuideIntro = {
  frontmatter: GuideIndexFrontmatter;
  /** Everything before the first `##` heading. */
  intro: CompiledMdx;
  /** From the first `##` heading on (the seed's reference section), or null. */
  reference: CompiledMdx | null;
};

/** The guide's first page text (index.mdx), split so the start step can sit between the two parts. */
export async function getGuideIntro(guideId: string, locale: Locale, snapshot?: ContentSnapshot): Promise<GuideIntro | null> {
  const s = snap(snapshot);
  if (!getGuideDeclaration(guideId, s)) return null;
  const { source, file } = guideText(s, guideId, locale, "index");
  const { data, body } = readMatter(source, file, GuideIndexFrontmatterSchema);
  const split = body.search(/^## /m);
  const [introSource, referenceSource] = split === -1 ? [body, ""] : [body.slice(0, split), body.slice(split)];
  return {
    frontmatter: data,
    intro: await compileCached(introSource, file),
    reference: referenceSource.trim() ? await compileCached(referenceSource, file) : null,
  };
}

export type GuideStepContent = { frontmatter: StepFrontmatter; doc: CompiledMdx };

/** A step's text in one language, or null when the guide or step does not exist. */
export async function getStepContent(
  guideId: string,
  locale: Locale,
  stepId: string,
  snapshot?: ContentSnapshot,
): Promise<GuideStepContent | null> {
  const s = snap(snapshot);
  const guide = getGuideDeclaration(guideId, s);
  if (!guide || !stepOf(guide, stepId)) return null;
  const { source, file } = guideText(s, guideId, locale, stepId);
  const { data, body } = readMatter(source, file, StepFrontmatterSchema);
  return { frontmatter: data, doc: await compileCached(body, file) };
}

/** Frontmatter only (titles for trails, sitemaps and search), without compiling the body. */
export function getStepFrontmatter(guideId: string, locale: Locale, stepId: string, snapshot?: ContentSnapshot): StepFrontmatter | null {
  const s = snap(snapshot);
  const guide = getGuideDeclaration(guideId, s);
  if (!guide || !stepOf(guide, stepId)) return null;
  const { source, file } = guideText(s, guideId, locale, stepId);
  return readMatter(source, file, StepFrontmatterSchema).data;
}

export function getGuideFrontmatter(guideId: string, locale: Locale, snapshot?: ContentSnapshot): GuideIndexFrontmatter | null {
  const s = snap(snapshot);
  if (!getGuideDeclaration(guideId, s)) return null;
  const { source, file } = guideText(s, guideId, locale, "index");
  return readMatter(source, file, GuideIndexFrontmatterSchema).data;
}

// ---------------------------------------------------------------------------------------------
// Articles

export function listArticleSlugs(snapshot?: ContentSnapshot): string[] {
  return [...snap(snapshot).articleSlugs];
}

function articleText(s: ContentSnapshot, slug: string, locale: Locale): { source: string; file: string } | null {
  const article = Object.hasOwn(s.docs.article, slug) ? s.docs.article[slug] : undefined;
  const source = article?.texts[locale];
  return source ? { source, file: `articles/${slug}/${locale}.mdx` } : null;
}

export function getArticleFrontmatter(slug: string, locale: Locale, snapshot?: ContentSnapshot): ArticleFrontmatter | null {
  const text = articleText(snap(snapshot), slug, locale);
  return text ? readMatter(text.source, text.file, ArticleFrontmatterSchema).data : null;
}

export type ArticleContent = { slug: string; frontmatter: ArticleFrontmatter; doc: CompiledMdx };

export async function getArticle(slug: string, locale: Locale, snapshot?: ContentSnapshot): Promise<ArticleContent | null> {
  const text = articleText(snap(snapshot), slug, locale);
  if (!text) return null;
  const { data, body } = readMatter(text.source, text.file, ArticleFrontmatterSchema);
  return { slug, frontmatter: data, doc: await compileCached(body, text.file) };
}

export type Topic = { id: string; label: string; articles: { slug: string; title: string; description: string }[] };

/** Articles grouped by topic, in the topics' order. */
export function listArticlesByTopic(locale: Locale, snapshot?: ContentSnapshot): Topic[] {
  const s = snap(snapshot);
  return Object.entries(getTopics(s)).map(([id, label]) => ({
    id,
    label: label[locale],
    articles: listArticleSlugs(s)
      .map((slug) => ({ slug, fm: getArticleFrontmatter(slug, locale, s) }))
      .filter(({ fm }) => fm?.topic === id)
      .map(({ slug, fm }) => ({ slug, title: fm!.title, description: fm!.description })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Topics and outside links

/** topic id → label, in the topics' order. */
export function getTopics(snapshot?: ContentSnapshot): Readonly<Record<string, { ja: string; en: string }>> {
  return snap(snapshot).topics;
}

/** An outside link; url null means staff have not filled it in (render as text). */
export function getExternalLink(id: string, locale: Locale, snapshot?: ContentSnapshot): { label: string; url: string | null } | null {
  const all = snap(snapshot).links;
  const link = Object.hasOwn(all, id) ? all[id] : undefined;
  return link ? { label: link.label[locale], url: link.url } : null;
}

export function listExternalLinkIds(snapshot?: ContentSnapshot): string[] {
  return Object.keys(snap(snapshot).links);
}

/** A step's title (the contact form's path, the staff checklist); the graph label when the file lacks one. */
export function getStepTitle(guideId: string, stepId: string, locale: Locale, snapshot?: ContentSnapshot): string | null {
  const s = snap(snapshot);
  const guide = getGuideDeclaration(guideId, s);
  const step = guide ? stepOf(guide, stepId) : undefined;
  if (!step) return null;
  return getStepFrontmatter(guideId, locale, stepId, s)?.title ?? step.label;
}
