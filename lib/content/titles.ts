// The name staff know a content item by, from its document: a guide's catalog title, an article's
// title, a link's or topic's label (in Japanese, the admin's language; docs/decisions/0005).
import { parseArticleSource } from "@/lib/content/article-source";

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function contentTitle(kind: string, data: unknown): string | null {
  const doc = record(data);
  if (!doc) return null;
  if (kind === "guide") {
    const title = record(record(record(doc.declaration)?.catalog)?.title)?.ja;
    return typeof title === "string" ? title : null;
  }
  if (kind === "article") {
    const ja = record(doc.texts)?.ja;
    return typeof ja === "string" ? parseArticleSource(ja).title || null : null;
  }
  const label = record(doc.label)?.ja;
  return typeof label === "string" ? label : null;
}
