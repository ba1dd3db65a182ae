// Search over the help content, in-process: the content is a few dozen small files that ship with
// the app, so an index in memory beats a database round trip and works while the database is down.
// Japanese has no spaces between words, so Japanese runs match as substrings, falling back to
// character bigrams (証明書の失効 still finds a text that says 証明書 … 失効); Latin runs match as
// words with a crude suffix strip (revoke finds revoked, certificate finds certificates).

import {
  liveSnapshot,
  type ContentSnapshot,
  listGuideIds,
  getArticle,
  getGuide,
  getGuideIntro,
  getStepContent,
  listArticleSlugs,
} from "@/lib/content";
import { shortestWalks } from "@/lib/guide-graph";
import type { Locale } from "@/lib/i18n";
import { articleHref, guideHref } from "@/lib/help-urls";

export type SearchDoc = {
  kind: "step" | "article" | "guide";
  href: string;
  title: string;
  /** A short label shown beside the title, e.g. STEP2-3. */
  label?: string;
  /** The guide a step belongs to: with several guides, "STEP2" alone does not say which one. */
  guide?: { id: string; title: string };
  /** Plain text blocks (paragraphs, list items, headings). */
  blocks: string[];
};

export type MarkedText = { text: string; mark: boolean }[];

export type SearchHit = {
  doc: SearchDoc;
  score: number;
  title: MarkedText;
  snippet: MarkedText;
};

type Term = { text: string; cjk: boolean };

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005\u30fc]/;
const WORD = /[a-z0-9]/;
const STOP_WORDS = new Set(["a", "an", "the", "to", "of", "in", "on", "is", "are", "and", "or", "for", "my", "i", "it", "do", "how", "what", "with", "be"]);

/** Lower case and NFKC per character, so full-width letters match and offsets stay the same. */
export function normalize(text: string): string {
  let out = "";
  for (const ch of text) {
    const n = ch.normalize("NFKC").toLowerCase();
    out += n.length === ch.length ? n : ch.toLowerCase().padEnd(ch.length, " ").slice(0, ch.length);
  }
  return out;
}

/** Splits a query into Japanese runs and Latin words. */
export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  let run = "";
  let runCjk = false;
  const flush = () => {
    if (run) terms.push({ text: run, cjk: runCjk });
    run = "";
  };
  for (const ch of normalize(query.slice(0, 200))) {
    const cjk = CJK.test(ch);
    const word = WORD.test(ch);
    if (!cjk && !word) {
      flush();
      continue;
    }
    if (run && cjk !== runCjk) flush();
    runCjk = cjk;
    run += ch;
  }
  flush();
  const unique = terms.filter((t, i) => terms.findIndex((u) => u.text === t.text) === i);
  const meaningful = unique.filter((t) => t.cjk || (t.text.length > 1 && !STOP_WORDS.has(t.text)));
  return meaningful.length ? meaningful : unique;
}

function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(ing|ed|es|s|e)$/, "");
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type Range = [number, number];

function findAll(haystack: string, needle: string): Range[] {
  const ranges: Range[] = [];
  if (!needle) return ranges;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) {
    ranges.push([i, i + needle.length]);
  }
  return ranges;
}

function wordMatches(haystack: string, term: string): Range[] {
  const pattern = new RegExp(`(?<![a-z0-9])${escapeRegExp(stem(term))}[a-z0-9]*`, "g");
  return [...haystack.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as Range);
}

function bigrams(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) out.push(term.slice(i, i + 2));
  return [...new Set(out)];
}

/** Where a term matches a text, and how well (1 = exact; below 1 = bigram coverage). */
function matchTerm(text: string, term: Term): { ranges: Range[]; quality: number } {
  if (!term.cjk) {
    const ranges = wordMatches(text, term.text);
    return { ranges, quality: ranges.length ? 1 : 0 };
  }
  const exact = findAll(text, term.text);
  if (exact.length || term.text.length < 3) return { ranges: exact, quality: exact.length ? 1 : 0 };
  const grams = bigrams(term.text);
  const found = grams.map((g) => findAll(text, g));
  const coverage = found.filter((r) => r.length).length / grams.length;
  return { ranges: found.flat(), quality: coverage };
}

const FUZZY_THRESHOLD = 0.6;

function mark(text: string, ranges: Range[]): MarkedText {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const parts: MarkedText = [];
  let at = 0;
  for (const [from, to] of merged) {
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(from, to), mark: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 140;

function snippetOf(block: string, ranges: Range[]): MarkedText {
  const first = ranges.length ? Math.min(...ranges.map((r) => r[0])) : 0;
  let start = Math.max(0, first - SNIPPET_BEFORE);
  let end = Math.min(block.length, start + SNIPPET_LENGTH);
  start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
  // Do not cut a Latin word in half (Japanese has no word boundaries to respect).
  const latin = /[A-Za-z0-9]/;
  for (let i = 0; i < 20 && start > 0 && latin.test(block[start - 1]) && latin.test(block[start]); i++) start--;
  for (let i = 0; i < 20 && end < block.length && latin.test(block[end - 1]) && latin.test(block[end]); i++) end++;
  const inside = ranges
    .filter(([a, b]) => a < end && b > start)
    .map(([a, b]) => [Math.max(a, start) - start, Math.min(b, end) - start] as Range);
  const parts = mark(block.slice(start, end), inside);
  if (start > 0) parts.unshift({ text: "…", mark: false });
  if (end < block.length) parts.push({ text: "…", mark: false });
  return parts;
}

// Normalizing is per character; done once per document, not once per query.
const normalizedDocs = new WeakMap<SearchDoc, { title: string; blocks: string[]; whole: string }>();
function normalized(doc: SearchDoc) {
  let n = normalizedDocs.get(doc);
  if (!n) {
    const title = normalize(doc.title);
    const blocks = doc.blocks.map(normalize);
    n = { title, blocks, whole: `${title}\n${blocks.join("\n")}` };
    normalizedDocs.set(doc, n);
  }
  return n;
}

/** Ranks documents for a query: every term must match; title matches weigh more than body ones. */
export function searchDocs(docs: SearchDoc[], query: string, limit = 20): SearchHit[] {
  const terms = parseQuery(query);
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const { title, blocks, whole } = normalized(doc);
    let score = 0;
    let matchesAll = true;
    const titleRanges: Range[] = [];
    const blockRanges: Range[][] = blocks.map(() => []);
    for (const term of terms) {
      const inTitle = matchTerm(title, term);
      const inBlocks = blocks.map((b) => matchTerm(b, term));
      const overall = matchTerm(whole, term);
      if (overall.quality < (term.cjk ? FUZZY_THRESHOLD : 1)) {
        matchesAll = false;
        break;
      }
      const exact = overall.quality === 1;
      const count = (r: { ranges: Range[] }) => Math.min(r.ranges.length, 10);
      score += (exact ? 1 : overall.quality * 0.5) * (10 * Math.min(count(inTitle), 2) + inBlocks.reduce((n, r) => n + count(r), 0));
      titleRanges.push(...inTitle.ranges);
      inBlocks.forEach((r, i) => blockRanges[i].push(...r.ranges));
    }
    if (!matchesAll || score === 0) continue;
    // The snippet comes from the block with the most matches (the first such block).
    let best = -1;
    blockRanges.forEach((r, i) => {
      if (r.length && (best === -1 || r.length > blockRanges[best].length)) best = i;
    });
    const snippet = best === -1 ? snippetOf(doc.blocks[0] ?? "", []) : snippetOf(doc.blocks[best], blockRanges[best]);
    hits.push({ doc, score, title: mark(doc.title, titleRanges), snippet });
  }
  return hits.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title)).slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// The help center's documents, built once per content snapshot and language from lib/content: a
// publish replaces the live snapshot (issue 12), and the next search builds the index anew.

const documents = new WeakMap<ContentSnapshot, Map<Locale, Promise<SearchDoc[]>>>();

async function buildDocuments(locale: Locale, snapshot: ContentSnapshot): Promise<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  for (const guideId of listGuideIds(snapshot)) {
    const guide = getGuide(guideId, snapshot)!;
    const intro = (await getGuideIntro(guideId, locale, snapshot))!;
    const title = intro.frontmatter.title;
    docs.push({
      kind: "guide",
      href: guideHref(locale, guideId),
      title,
      // The catalog's symptoms are the words people type ("ログインできない"), often in no step's text.
      blocks: [...guide.catalog.symptoms.map((s) => s[locale]), ...intro.intro.blocks, ...(intro.reference?.blocks ?? [])],
    });
    for (const [stepId, walk] of shortestWalks(guide)) {
      const { frontmatter, doc } = (await getStepContent(guideId, locale, stepId, snapshot))!;
      docs.push({
        kind: "step",
        href: guideHref(locale, guideId, walk),
        title: frontmatter.title,
        label: guide.steps[stepId].label,
        guide: { id: guideId, title },
        blocks: [...doc.blocks, ...(frontmatter.question ? [frontmatter.question] : []), ...Object.values(frontmatter.choices)],
      });
    }
  }
  for (const slug of listArticleSlugs(snapshot)) {
    const article = await getArticle(slug, locale, snapshot);
    if (article) docs.push({ kind: "article", href: articleHref(locale, slug), title: article.frontmatter.title, blocks: article.doc.blocks });
  }
  return docs;
}

export function helpDocuments(locale: Locale, snapshot: ContentSnapshot = liveSnapshot()): Promise<SearchDoc[]> {
  let forSnapshot = documents.get(snapshot);
  if (!forSnapshot) documents.set(snapshot, (forSnapshot = new Map()));
  let promise = forSnapshot.get(locale);
  if (!promise) {
    promise = buildDocuments(locale, snapshot);
    promise.catch(() => forSnapshot.delete(locale));
    forSnapshot.set(locale, promise);
  }
  return promise;
}

/** Searches the guides, steps and articles of one language (public guides only: drafts have no page). */
export async function searchHelp(locale: Locale, query: string, limit = 20): Promise<SearchHit[]> {
  return searchDocs(await helpDocuments(locale), query, limit);
}
