// The only reader of content/. Guides are step graphs (guide.json) plus MDX per step and language;
// articles are MDX per language; outside links and topics are JSON. Frontmatter is validated with
// zod, MDX is compiled once per file and process (content changes only with a deploy).
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { MDXContent } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import { z } from "zod";
import { stepOf } from "@/lib/guide-graph";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import { discoverGuides } from "@/lib/guides/registry";
import type { Locale } from "@/lib/i18n";

/**
 * content/, or TEBIKI_CONTENT_DIR: a test points it at a copy of content/ with a fixture guide added,
 * to prove that a guide is a content-only change (issue 9, docs/decisions/0015). Not for production.
 */
export const CONTENT_DIR = process.env.TEBIKI_CONTENT_DIR || path.join(process.cwd(), "content");

// ---------------------------------------------------------------------------------------------
// Schemas

const text = z.string().trim().min(1);

export const GuideIndexFrontmatterSchema = z.object({ title: text, description: text }).strict();

export const StepFrontmatterSchema = z
  .object({
    title: text,
    description: text,
    /** The question above the choices; every step with choices has one (the content test checks). */
    question: text.optional(),
    /** choice id -> label; the ids equal guide.json's choices of this step (the content test checks). */
    choices: z.record(z.string(), text),
  })
  .strict();

export const ArticleFrontmatterSchema = z
  .object({
    title: text,
    description: text,
    topic: text,
    /** Written from general knowledge and waiting for staff review: the page says so. */
    draft: z.boolean(),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "updated is a YYYY-MM-DD date"),
  })
  .strict();

const LocalizedSchema = z.object({ ja: text, en: text }).strict();
const LinksSchema = z.record(
  z.string(),
  z.object({ label: LocalizedSchema, url: z.url().nullable() }).strict(),
);
const TopicsSchema = z.record(z.string(), LocalizedSchema);

export type GuideIndexFrontmatter = z.infer<typeof GuideIndexFrontmatterSchema>;
export type StepFrontmatter = z.infer<typeof StepFrontmatterSchema>;
export type ArticleFrontmatter = z.infer<typeof ArticleFrontmatterSchema>;

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

function readMatter<T>(file: string, schema: z.ZodType<T>): { data: T; body: string } {
  const parsed = matter(readFileSync(file, "utf8"));
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "frontmatter"}: ${i.message}`).join("; ");
    throw new Error(`${path.relative(CONTENT_DIR, file)}: invalid frontmatter: ${problems}`);
  }
  return { data: result.data, body: parsed.content };
}

const compiled = new Map<string, Promise<CompiledMdx>>();
function compileCached(key: string, source: string, file: string): Promise<CompiledMdx> {
  let promise = compiled.get(key);
  if (!promise) {
    promise = compileMdx(source, file);
    // A failed compile is not cached, so a fixed file is picked up by a dev server.
    promise.catch(() => compiled.delete(key));
    compiled.set(key, promise);
  }
  return promise;
}

// ---------------------------------------------------------------------------------------------
// Guides

let registry: Map<string, GuideDeclaration> | undefined;
/** Every guide folder of content/guides, parsed and checked once per process (content changes only with a deploy). */
function guides(): Map<string, GuideDeclaration> {
  registry ??= discoverGuides(path.join(CONTENT_DIR, "guides"));
  return registry;
}

/** The guides the public sees, in id order. Drafts wait for help-desk review (issue 9). */
export function listGuideIds(): string[] {
  return [...guides().values()].filter((g) => !g.draft).map((g) => g.id);
}

/** Every guide, drafts included: content checks and staff views. */
export function listAllGuideIds(): string[] {
  return [...guides().keys()];
}

/**
 * The public guide a URL or a request names, or null when there is no such guide or it is a draft.
 * Pages and actions resolve a guide with this first, so a draft has no public page.
 */
export function getGuide(guideId: string): GuideDeclaration | null {
  const guide = guides().get(guideId);
  return guide && !guide.draft ? guide : null;
}

/** Any guide, drafts included, for the text of a guide already resolved and for content checks. */
export function getGuideDeclaration(guideId: string): GuideDeclaration | null {
  return guides().get(guideId) ?? null;
}

function guideFile(guideId: string, locale: Locale, name: string) {
  return path.join(CONTENT_DIR, "guides", guideId, locale, `${name}.mdx`);
}

export type GuideIntro = {
  frontmatter: GuideIndexFrontmatter;
  /** Everything before the first `##` heading. */
  intro: CompiledMdx;
  /** From the first `##` heading on (the seed's reference section), or null. */
  reference: CompiledMdx | null;
};

/** The guide's first page text (index.mdx), split so the start step can sit between the two parts. */
export async function getGuideIntro(guideId: string, locale: Locale): Promise<GuideIntro | null> {
  if (!getGuideDeclaration(guideId)) return null;
  const file = guideFile(guideId, locale, "index");
  const { data, body } = readMatter(file, GuideIndexFrontmatterSchema);
  const split = body.search(/^## /m);
  const [introSource, referenceSource] = split === -1 ? [body, ""] : [body.slice(0, split), body.slice(split)];
  const key = `guide:${guideId}:${locale}:index`;
  return {
    frontmatter: data,
    intro: await compileCached(`${key}:intro`, introSource, file),
    reference: referenceSource.trim() ? await compileCached(`${key}:reference`, referenceSource, file) : null,
  };
}

export type GuideStepContent = { frontmatter: StepFrontmatter; doc: CompiledMdx };

/** A step's text in one language, or null when the guide or step does not exist. */
export async function getStepContent(guideId: string, locale: Locale, stepId: string): Promise<GuideStepContent | null> {
  const guide = getGuideDeclaration(guideId);
  if (!guide || !stepOf(guide, stepId)) return null;
  const file = guideFile(guideId, locale, stepId);
  const { data, body } = readMatter(file, StepFrontmatterSchema);
  return { frontmatter: data, doc: await compileCached(`guide:${guideId}:${locale}:${stepId}`, body, file) };
}

/** Frontmatter only (titles for trails, sitemaps and search), without compiling the body. */
export function getStepFrontmatter(guideId: string, locale: Locale, stepId: string): StepFrontmatter | null {
  const guide = getGuideDeclaration(guideId);
  if (!guide || !stepOf(guide, stepId)) return null;
  return readMatter(guideFile(guideId, locale, stepId), StepFrontmatterSchema).data;
}

export function getGuideFrontmatter(guideId: string, locale: Locale): GuideIndexFrontmatter | null {
  if (!getGuideDeclaration(guideId)) return null;
  return readMatter(guideFile(guideId, locale, "index"), GuideIndexFrontmatterSchema).data;
}

// ---------------------------------------------------------------------------------------------
// Articles

let articleSlugs: string[] | undefined;

export function listArticleSlugs(): string[] {
  articleSlugs ??= readdirSync(path.join(CONTENT_DIR, "articles"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return articleSlugs;
}

function articleFile(slug: string, locale: Locale) {
  return path.join(CONTENT_DIR, "articles", slug, `${locale}.mdx`);
}

export function getArticleFrontmatter(slug: string, locale: Locale): ArticleFrontmatter | null {
  if (!listArticleSlugs().includes(slug)) return null;
  return readMatter(articleFile(slug, locale), ArticleFrontmatterSchema).data;
}

export type ArticleContent = { slug: string; frontmatter: ArticleFrontmatter; doc: CompiledMdx };

export async function getArticle(slug: string, locale: Locale): Promise<ArticleContent | null> {
  if (!listArticleSlugs().includes(slug)) return null;
  const file = articleFile(slug, locale);
  if (!existsSync(file)) return null;
  const { data, body } = readMatter(file, ArticleFrontmatterSchema);
  return { slug, frontmatter: data, doc: await compileCached(`article:${slug}:${locale}`, body, file) };
}

export type Topic = { id: string; label: string; articles: { slug: string; title: string; description: string }[] };

/** Articles grouped by topic, in the order of topics.json. */
export function listArticlesByTopic(locale: Locale): Topic[] {
  const topics = getTopics();
  return Object.entries(topics).map(([id, label]) => ({
    id,
    label: label[locale],
    articles: listArticleSlugs()
      .map((slug) => ({ slug, fm: getArticleFrontmatter(slug, locale)! }))
      .filter(({ fm }) => fm.topic === id)
      .map(({ slug, fm }) => ({ slug, title: fm.title, description: fm.description })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Topics and outside links

let topicsCache: z.infer<typeof TopicsSchema> | undefined;
export function getTopics() {
  topicsCache ??= TopicsSchema.parse(JSON.parse(readFileSync(path.join(CONTENT_DIR, "topics.json"), "utf8")));
  return topicsCache;
}

let linksCache: z.infer<typeof LinksSchema> | undefined;
function links() {
  if (!linksCache) {
    const raw = JSON.parse(readFileSync(path.join(CONTENT_DIR, "links.json"), "utf8"));
    delete raw.$comment;
    linksCache = LinksSchema.parse(raw);
  }
  return linksCache;
}

/** An outside link from links.json; url null means staff have not filled it in (render as text). */
export function getExternalLink(id: string, locale: Locale): { label: string; url: string | null } | null {
  const all = links();
  const link = Object.hasOwn(all, id) ? all[id] : undefined;
  return link ? { label: link.label[locale], url: link.url } : null;
}

export function listExternalLinkIds(): string[] {
  return Object.keys(links());
}

/** A step's title (the contact form's path, the staff checklist); the graph label when the file lacks one. */
export function getStepTitle(guideId: string, stepId: string, locale: Locale): string | null {
  const guide = getGuideDeclaration(guideId);
  const step = guide ? stepOf(guide, stepId) : undefined;
  if (!step) return null;
  return getStepFrontmatter(guideId, locale, stepId)?.title ?? step.label;
}
