// A snapshot of the help content: the documents of one moment (the live versions, a draft preview,
// or a content/ folder) with the guide declarations checked once. lib/content.ts reads every page's
// content from one, so the public site, the preview and the tests share the same reader.
import { parseGuideDeclaration } from "@/lib/guides/registry";
import type { Guide } from "@/lib/guide-graph";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import type { ContentDocuments } from "@/lib/content/documents";

export type ContentSnapshot = {
  readonly docs: ContentDocuments;
  /** Every guide (drafts included) whose declaration is sound, in id order. */
  readonly guides: ReadonlyMap<string, GuideDeclaration>;
  readonly articleSlugs: readonly string[];
  /** topic id → label, in position order */
  readonly topics: Readonly<Record<string, { ja: string; en: string }>>;
  /** link id → label and url, in position order */
  readonly links: Readonly<Record<string, { label: { ja: string; en: string }; url: string | null }>>;
  /** Where it came from, for logs: "content/", "database", "preview", "file". */
  readonly source: string;
  /** Guides left out because their declaration is broken (only with `lenient`). */
  readonly problems: readonly string[];
  /**
   * Graphs of earlier published versions of each guide (the database's; none for content/): an old
   * walk URL of a removed step is redirected to the nearest surviving step (lib/content/walk-redirect.ts).
   */
  readonly pastGraphs: ReadonlyMap<string, readonly Guide[]>;
};

// The live snapshot lives on globalThis: instrumentation, every route bundle and the proxy load
// their own copies of the modules, and all must read the one snapshot the loader replaces.
const LIVE = Symbol.for("tebiki.content.live");
const holder = globalThis as unknown as { [LIVE]?: ContentSnapshot };

/** The snapshot set by the loader, or undefined before the first load (then content/ is served). */
export function loadedLiveSnapshot(): ContentSnapshot | undefined {
  return holder[LIVE];
}

export function storeLiveSnapshot(snapshot: ContentSnapshot): void {
  holder[LIVE] = snapshot;
}

function ordered<T extends { position: number }>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a, x], [b, y]) => x.position - y.position || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Builds a snapshot. A broken guide throws (a broken content/ folder fails the build loudly) unless
 * `lenient`, where it is left out and named in `problems`: a draft preview must not take the page
 * down because one guide's draft is half-done.
 */
export function createSnapshot(
  docs: ContentDocuments,
  options: { source: string; lenient?: boolean; pastGraphs?: ReadonlyMap<string, readonly Guide[]> },
): ContentSnapshot {
  const guides = new Map<string, GuideDeclaration>();
  const problems: string[] = [];
  const prefixes = new Map<string, string>();
  for (const id of Object.keys(docs.guide).sort()) {
    const where = `guides/${id}/guide.json`;
    try {
      const guide = parseGuideDeclaration(docs.guide[id].declaration, where);
      // The key is the guide's URL segment; a different id would give it two names.
      if (guide.id !== id) throw new Error(`${where}: id "${guide.id}" differs from its folder "${id}"`);
      const other = prefixes.get(guide.ticketPrefix);
      // References are prefix-year-number: two guides on one prefix would make them ambiguous.
      if (other) throw new Error(`${where}: ticketPrefix "${guide.ticketPrefix}" is already used by ${other}`);
      prefixes.set(guide.ticketPrefix, guide.id);
      guides.set(id, guide);
    } catch (error) {
      if (!options.lenient) throw error;
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return {
    docs,
    guides,
    articleSlugs: Object.keys(docs.article).sort(),
    topics: Object.fromEntries(ordered(docs.topic).map(([id, t]) => [id, t.label])),
    links: Object.fromEntries(ordered(docs.link).map(([id, l]) => [id, { label: l.label, url: l.url }])),
    source: options.source,
    problems,
    pastGraphs: options.pastGraphs ?? new Map(),
  };
}
