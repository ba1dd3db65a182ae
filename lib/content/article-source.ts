// An article's .mdx file as the fields the article form edits (issue 12): title, description and
// topic in the frontmatter, and the body. Keys the form does not show (draft, updated, anything a
// later version adds) are kept as they were; a file whose fields did not change is kept byte for
// byte, so an untouched language neither shows in the history's diff nor looks newly translated.
import matter from "gray-matter";

export type ArticleFields = { title: string; description: string; topic: string; body: string };

export type ParsedArticle = ArticleFields & {
  /** Every frontmatter key, in file order (the form's ones included). */
  frontmatter: Record<string, unknown>;
};

const FORM_KEYS = ["title", "description", "topic"] as const;

function asText(value: unknown): string {
  return typeof value === "string" ? value : value == null ? "" : String(value);
}

/** The fields of an article's source; a source without frontmatter is all body. Never throws. */
export function parseArticleSource(source: string): ParsedArticle {
  let data: Record<string, unknown> = {};
  let content = source;
  try {
    const parsed = matter(source, {});
    data = { ...(parsed.data as Record<string, unknown>) };
    content = parsed.content;
  } catch {
    // Broken frontmatter (a draft someone saved half-done): the form shows the whole file as body.
  }
  return {
    frontmatter: data,
    title: asText(data.title),
    description: asText(data.description),
    topic: asText(data.topic),
    body: content.replace(/^\s*\n/, "").replace(/\s+$/, ""),
  };
}

/** A YAML scalar: JSON's double-quoted string is valid YAML, and plain values stay as they were written. */
function yamlValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString().slice(0, 10));
  return JSON.stringify(value ?? null);
}

/** Today's source rewritten with these fields; the original itself when nothing the form shows changed. */
export function writeArticleSource(original: string, fields: ArticleFields, extra: Record<string, unknown> = {}): string {
  const before = parseArticleSource(original);
  const same =
    original !== "" &&
    FORM_KEYS.every((key) => before[key] === fields[key]) &&
    before.body === fields.body.replace(/\r\n/g, "\n").replace(/\s+$/, "");
  if (same) return original;
  const frontmatter: Record<string, unknown> = { ...before.frontmatter };
  for (const key of FORM_KEYS) frontmatter[key] = fields[key];
  Object.assign(frontmatter, extra);
  // title, description, topic first as in every file written so far; the rest in their order.
  const keys = [...FORM_KEYS, ...Object.keys(frontmatter).filter((k) => !(FORM_KEYS as readonly string[]).includes(k))];
  const head = keys.map((key) => `${key}: ${yamlValue(frontmatter[key])}`).join("\n");
  const body = fields.body.replace(/\r\n/g, "\n").replace(/\s+$/, "");
  return `---\n${head}\n---\n\n${body}\n`;
}
