// Where each kind of content is edited and where its history is (issue 12). The guide editor
// (/admin/content/guides/<id>) is part [editor]'s; this library links to it.
export type LibraryKind = "guide" | "article" | "link" | "topic";

export const KIND_LABEL: Record<LibraryKind, string> = { guide: "ガイド", article: "記事", link: "リンク", topic: "トピック" };

const FOLDER: Record<LibraryKind, string> = { guide: "guides", article: "articles", link: "links", topic: "topics" };

export function isLibraryKind(value: unknown): value is LibraryKind {
  return typeof value === "string" && Object.hasOwn(FOLDER, value);
}

export function editHref(kind: LibraryKind, key: string): string {
  if (kind === "link") return `/admin/content/links#link-${key}`;
  if (kind === "topic") return `/admin/content/topics#topic-${key}`;
  return `/admin/content/${FOLDER[kind]}/${encodeURIComponent(key)}`;
}

export function historyHref(kind: LibraryKind, key: string, compare?: { from: number; to: number }): string {
  const base = `/admin/content/${FOLDER[kind]}/${encodeURIComponent(key)}/history`;
  return compare ? `${base}?from=${compare.from}&to=${compare.to}#diff` : base;
}

/** A return path the shared actions accept: one of the library's own pages, never another site. */
export function safeReturnTo(value: unknown, fallback: string): string {
  return typeof value === "string" && /^\/admin\/content(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9_=&-]*)?$/.test(value) ? value : fallback;
}
