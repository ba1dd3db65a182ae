// What makes a content document publishable (issue 12): the checks the content tests made on the
// files (graph, declaration, frontmatter, every step in both languages, choices equal to the graph's,
// link targets that exist) plus MDX safety, since authors now write MDX in the product and the
// compiler would run any expression or import in it on the server. Each problem names where it is
// (a step and language, an article and language) and the line, so an editor can find it.
import matter from "gray-matter";
import { z } from "zod";
import { ArticleFrontmatterSchema, GuideIndexFrontmatterSchema, StepFrontmatterSchema } from "@/lib/content/frontmatter";
import { stepOf } from "@/lib/guide-graph";
import { GuideDeclarationSchema, type GuideDeclaration } from "@/lib/guides/declaration";
import { validateDeclaration } from "@/lib/guides/validate-declaration";
import {
  checkDocumentShape,
  LOCALES,
  type ArticleDocument,
  type ContentDocuments,
  type ContentKind,
  type GuideDocument,
  type LinkDocument,
} from "@/lib/content/documents";

export type ContentProblem = { where: string; message: string };

/** The components authors may use (components/help/mdx-components.tsx) and the attributes each takes. */
const ALLOWED_ELEMENTS: Record<string, readonly string[]> = {
  ArticleLink: ["slug"],
  ExternalLink: ["id"],
  ContactLink: [],
};
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

type MdNode = {
  type: string;
  name?: string | null;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
  position?: { start: { line: number } };
};

type MdxFacts = { problems: ContentProblem[]; articleLinks: string[]; externalLinks: string[]; contactLinks: number };

type ParsedText = { data: Record<string, unknown>; body: string; lineOffset: number } | { error: string };

function splitMatter(source: string): ParsedText {
  try {
    // A fresh copy of the string: gray-matter caches by content and hands back the same object.
    const parsed = matter(`${source}`);
    const lineOffset = source.endsWith(parsed.content)
      ? source.slice(0, source.length - parsed.content.length).split("\n").length - 1
      : 0;
    return { data: parsed.data as Record<string, unknown>, body: parsed.content, lineOffset };
  } catch (error) {
    return { error: `frontmatter を読めません: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Parses MDX (never compiles or runs it) and reports what is not allowed: import/export, {expressions},
 * attribute expressions, elements other than the three of the help center, links other than http(s)
 * and mailto, images. Also collects the link targets for the reference checks.
 */
export async function inspectMdx(body: string, where: string, lineOffset = 0): Promise<MdxFacts> {
  const facts: MdxFacts = { problems: [], articleLinks: [], externalLinks: [], contactLinks: 0 };
  const at = (node: MdNode) => (node.position ? `${node.position.start.line + lineOffset}行目: ` : "");
  const refuse = (node: MdNode, message: string) => facts.problems.push({ where, message: `${at(node)}${message}` });
  let tree: MdNode;
  try {
    const { createProcessor } = await import("@mdx-js/mdx");
    tree = createProcessor().parse(body) as unknown as MdNode;
  } catch (error) {
    const e = error as { line?: number; reason?: string; message?: string };
    const line = typeof e.line === "number" ? `${e.line + lineOffset}行目: ` : "";
    facts.problems.push({ where, message: `${line}MDXとして読めません: ${e.reason ?? e.message ?? String(error)}` });
    return facts;
  }
  const visit = (node: MdNode) => {
    switch (node.type) {
      case "mdxjsEsm":
        refuse(node, "import / export は使えません");
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        refuse(node, "{ } の式は使えません(文字として書くときは \\{ と書きます)");
        return;
      case "image":
      case "imageReference":
        refuse(node, "画像は使えません");
        return;
      case "link":
      case "definition":
        if (!SAFE_URL.test(node.url ?? "")) refuse(node, `リンク先「${node.url}」は使えません(http://、https://、mailto: のみ)`);
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const name = node.name ?? "";
        const allowed = Object.hasOwn(ALLOWED_ELEMENTS, name) ? ALLOWED_ELEMENTS[name] : undefined;
        if (!allowed) {
          refuse(node, `<${name || ""}> は使えません(使えるのは ${Object.keys(ALLOWED_ELEMENTS).map((n) => `<${n}>`).join("、")})`);
          return;
        }
        let safe = true;
        for (const attr of node.attributes ?? []) {
          if (attr.type !== "mdxJsxAttribute" || typeof attr.value !== "string") {
            refuse(node, `<${name}> の属性には式を使えません(${attr.name ?? "{…}"}="…" と書きます)`);
            safe = false;
          } else if (!allowed.includes(attr.name ?? "")) {
            refuse(node, `<${name}> に ${attr.name} という属性はありません`);
            safe = false;
          }
        }
        const attr = (n: string) => node.attributes?.find((a) => a.name === n)?.value;
        if (safe && name === "ArticleLink") {
          if (typeof attr("slug") === "string") facts.articleLinks.push(attr("slug") as string);
          else refuse(node, `<ArticleLink> には slug="記事のスラッグ" が必要です`);
        }
        if (safe && name === "ExternalLink") {
          if (typeof attr("id") === "string") facts.externalLinks.push(attr("id") as string);
          else refuse(node, `<ExternalLink> には id="リンクのID" が必要です`);
        }
        if (name === "ContactLink") facts.contactLinks += 1;
        break;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return facts;
}

function frontmatterProblems<T>(schema: z.ZodType<T>, data: unknown, where: string): { value?: T; problems: ContentProblem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  return {
    problems: result.error.issues.map((i) => ({ where, message: `frontmatter の ${i.path.join(".") || "内容"}: ${i.message}` })),
  };
}

/** One MDX file: frontmatter against its schema, then the body's safety and link targets. */
async function checkText<T>(
  source: string | undefined,
  where: string,
  schema: z.ZodType<T>,
  context: ContentDocuments | null,
): Promise<{ frontmatter?: T; facts?: MdxFacts; problems: ContentProblem[] }> {
  if (source === undefined || !source.trim()) return { problems: [{ where, message: "本文がありません" }] };
  const parsed = splitMatter(source);
  if ("error" in parsed) return { problems: [{ where, message: parsed.error }] };
  const fm = frontmatterProblems(schema, parsed.data, where);
  const facts = await inspectMdx(parsed.body, where, parsed.lineOffset);
  const problems = [...fm.problems, ...facts.problems];
  if (context) {
    for (const slug of facts.articleLinks) {
      if (!Object.hasOwn(context.article, slug)) problems.push({ where, message: `<ArticleLink slug="${slug}">: その記事は公開されていません` });
    }
    for (const id of facts.externalLinks) {
      if (!Object.hasOwn(context.link, id)) problems.push({ where, message: `<ExternalLink id="${id}">: そのリンクは公開されていません` });
    }
  }
  return { frontmatter: fm.value, facts, problems };
}

async function validateGuideDocument(key: string, doc: GuideDocument, context: ContentDocuments | null): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const declaration = GuideDeclarationSchema.safeParse(doc.declaration);
  let guide: GuideDeclaration | null = null;
  if (!declaration.success) {
    for (const i of declaration.error.issues) problems.push({ where: "guide.json", message: `${i.path.join(".") || "guide"}: ${i.message}` });
  } else {
    guide = doc.declaration;
    for (const message of validateDeclaration(guide)) problems.push({ where: "guide.json", message });
    if (guide.id !== key) problems.push({ where: "guide.json", message: `id "${guide.id}" がガイドのキー "${key}" と違います` });
    if (context) {
      for (const [otherId, other] of Object.entries(context.guide)) {
        if (otherId !== key && other.declaration.ticketPrefix === guide.ticketPrefix) {
          problems.push({ where: "guide.json", message: `ticketPrefix "${guide.ticketPrefix}" はガイド ${otherId} が使っています` });
        }
      }
      if (!Object.hasOwn(context.topic, guide.catalog.topic)) {
        problems.push({ where: "guide.json", message: `catalog.topic "${guide.catalog.topic}" というトピックは公開されていません` });
      }
    }
  }
  for (const locale of LOCALES) {
    const texts = doc.texts[locale];
    const textOf = (name: string) => (Object.hasOwn(texts, name) ? texts[name] : undefined);
    problems.push(...(await checkText(textOf("index"), `index (${locale})`, GuideIndexFrontmatterSchema, context)).problems);
    if (!guide) {
      // Without a sound graph only safety can be checked.
      for (const [name, source] of Object.entries(texts)) {
        if (name !== "index") problems.push(...(await checkText(source, `${name} (${locale})`, StepFrontmatterSchema, context)).problems);
      }
      continue;
    }
    for (const [stepId, step] of Object.entries(guide.steps)) {
      const where = `${stepId} (${locale})`;
      const checked = await checkText(textOf(stepId), where, StepFrontmatterSchema, context);
      problems.push(...checked.problems);
      if (!checked.frontmatter) continue;
      const have = Object.keys(checked.frontmatter.choices);
      const want = step.choices.map((c) => c.id);
      if (have.join("\n") !== want.join("\n")) {
        problems.push({ where, message: `frontmatter の choices (${have.join(", ") || "なし"}) がグラフの選択肢 (${want.join(", ") || "なし"}) と一致しません` });
      }
      if (step.choices.length && !checked.frontmatter.question) problems.push({ where, message: "選択肢の上の質問 (question) がありません" });
      if (step.contact && checked.facts && checked.facts.contactLinks === 0) {
        problems.push({ where, message: "問い合わせのステップには <ContactLink> が必要です" });
      }
    }
    for (const name of Object.keys(texts)) {
      if (name !== "index" && !stepOf(guide, name)) problems.push({ where: `${name} (${locale})`, message: "グラフにないステップの本文です" });
    }
  }
  return problems;
}

async function validateArticleDocument(doc: ArticleDocument, context: ContentDocuments | null): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const topics: string[] = [];
  for (const locale of LOCALES) {
    const where = `本文 (${locale})`;
    const checked = await checkText(doc.texts[locale], where, ArticleFrontmatterSchema, context);
    problems.push(...checked.problems);
    if (!checked.frontmatter) continue;
    topics.push(checked.frontmatter.topic);
    if (context && !Object.hasOwn(context.topic, checked.frontmatter.topic)) {
      problems.push({ where, message: `topic "${checked.frontmatter.topic}" というトピックは公開されていません` });
    }
  }
  if (topics.length === 2 && topics[0] !== topics[1]) problems.push({ where: "本文", message: "日本語と英語でトピックが違います" });
  return problems;
}

function validateLinkDocument(doc: LinkDocument): ContentProblem[] {
  if (doc.url === null || (SAFE_URL.test(doc.url) && z.url().safeParse(doc.url).success)) return [];
  return [{ where: "URL", message: `「${doc.url}」は使えません(http://、https://、mailto: で始まるURLか、空欄)` }];
}

/**
 * Every problem that keeps a document from being published, given the site it would join.
 */
export type ValidationContext = {
  /** the item's key (guide id, article slug, …) */
  key: string;
  /** the live documents with this one in place; null checks the document alone, without references */
  site: ContentDocuments | null;
};

export async function validateContent(kind: ContentKind, data: unknown, { key, site: context }: ValidationContext): Promise<ContentProblem[]> {
  const shape = checkDocumentShape(kind, data);
  if (shape.length && kind !== "guide") return shape.map((message) => ({ where: "文書", message }));
  switch (kind) {
    case "guide": {
      const doc = data as GuideDocument;
      // A declaration that fails its schema is reported by the guide check with its paths.
      if (!doc || typeof doc !== "object" || !doc.texts || typeof doc.texts !== "object" || !doc.declaration) {
        return shape.map((message) => ({ where: "文書", message }));
      }
      return validateGuideDocument(key, doc, context);
    }
    case "article":
      return validateArticleDocument(data as ArticleDocument, context);
    case "link":
      return validateLinkDocument(data as LinkDocument);
    case "topic":
      return [];
  }
}

/**
 * What even a draft may not contain: a malformed document, or MDX that is unsafe (import/export,
 * expressions, unknown elements, unsafe links) or does not parse. A draft may be incomplete otherwise.
 */
export async function draftProblems(kind: ContentKind, data: unknown): Promise<ContentProblem[]> {
  const shape = checkDocumentShape(kind, data);
  if (shape.length) return shape.map((message) => ({ where: "文書", message }));
  const sources: [string, string][] = [];
  if (kind === "guide") {
    const doc = data as GuideDocument;
    for (const locale of LOCALES) for (const [name, source] of Object.entries(doc.texts[locale])) sources.push([`${name} (${locale})`, source]);
  } else if (kind === "article") {
    const doc = data as ArticleDocument;
    for (const locale of LOCALES) sources.push([`本文 (${locale})`, doc.texts[locale]]);
  } else if (kind === "link") {
    return validateLinkDocument(data as LinkDocument);
  }
  const problems: ContentProblem[] = [];
  for (const [where, source] of sources) {
    if (!source.trim()) continue;
    const parsed = splitMatter(source);
    if ("error" in parsed) problems.push({ where, message: parsed.error });
    else problems.push(...(await inspectMdx(parsed.body, where, parsed.lineOffset)).problems);
  }
  return problems;
}
