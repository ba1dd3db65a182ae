// Which translations are behind (issue 12, docs/decisions/0027): a text whose ja changed in a later
// version than its en (or the reverse) is "翻訳が古い" until the other language is touched too.
// Pure over the item's versions, so the guide editor (steps), the article page and the content index
// all apply the same rule.
import matter from "gray-matter";

export type TextLocale = "ja" | "en";

/**
 * One version's texts: an article's whole .mdx per locale (a string), or a guide's texts per locale
 * keyed by "index" or step id. Versions in any order; `number` orders them.
 */
export type TranslationVersion = {
  number: number;
  texts: { ja: string | Readonly<Record<string, string>>; en: string | Readonly<Record<string, string>> };
};

export type StaleTranslation = {
  /** "index" or the step id for a guide; ARTICLE_TEXT for an article. */
  name: string;
  /** The language that is behind. */
  stale: TextLocale;
  /** The other language, which changed later. */
  newer: TextLocale;
  /** The version in which `newer` last changed. */
  changedIn: number;
  /** The version in which `stale` last changed; null when it has never existed (a text missing in that locale). */
  staleSince: number | null;
};

/** The name an article's single text goes by in the result. */
export const ARTICLE_TEXT = "article";

/**
 * Frontmatter keys that are the same in both languages (an article's topic, draft flag and date):
 * changing them is not a change that needs translating.
 */
const SHARED_KEYS = new Set(["topic", "draft", "updated"]);

/** The part of a text a translator cares about: the frontmatter without shared keys, and the body. */
export function translatableText(source: string): string {
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    // A fresh object, not gray-matter's cache, which would share results between equal strings.
    parsed = matter(source, {}) as unknown as { data: Record<string, unknown>; content: string };
  } catch {
    // A draft may hold broken frontmatter; then the whole source is what changed.
    return source.trim();
  }
  const data = Object.fromEntries(
    Object.entries(parsed.data)
      .filter(([key]) => !SHARED_KEYS.has(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify(data)}\n${parsed.content.trim()}`;
}

function named(texts: string | Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return typeof texts === "string" ? { [ARTICLE_TEXT]: texts } : texts;
}

/**
 * The texts whose one language changed after the other, in the newest version's text order (names
 * present in neither language of the newest version are gone and ignored). Walking the versions in
 * order: a change of one language alone makes the other stale, unless that other was the stale one,
 * in which case this change is its translation catching up; a change of both at once is in step.
 * A text present in one language only is stale in the other (staleSince null).
 */
export function staleTranslations(versions: readonly TranslationVersion[]): StaleTranslation[] {
  const ordered = [...versions].sort((a, b) => a.number - b.number);
  const head = ordered.at(-1);
  if (!head) return [];
  type Track = {
    text: Record<TextLocale, string | undefined>;
    changedIn: Record<TextLocale, number | null>;
    stale: TextLocale | null;
  };
  const tracks = new Map<string, Track>();
  for (const version of ordered) {
    const ja = named(version.texts.ja);
    const en = named(version.texts.en);
    const names = new Set([...Object.keys(ja), ...Object.keys(en), ...tracks.keys()]);
    for (const name of names) {
      const track = tracks.get(name) ?? { text: { ja: undefined, en: undefined }, changedIn: { ja: null, en: null }, stale: null };
      const now = {
        ja: Object.hasOwn(ja, name) ? translatableText(ja[name]) : undefined,
        en: Object.hasOwn(en, name) ? translatableText(en[name]) : undefined,
      };
      const changed = { ja: now.ja !== track.text.ja, en: now.en !== track.text.en };
      for (const locale of ["ja", "en"] as const) {
        if (!changed[locale]) continue;
        track.text[locale] = now[locale];
        // A text removed and later added again counts as changed when it comes back.
        track.changedIn[locale] = now[locale] === undefined ? null : version.number;
      }
      if (changed.ja && changed.en) track.stale = null;
      else if (changed.ja) track.stale = track.stale === "ja" ? null : "en";
      else if (changed.en) track.stale = track.stale === "en" ? null : "ja";
      tracks.set(name, track);
    }
  }
  const headNames = [...new Set([...Object.keys(named(head.texts.ja)), ...Object.keys(named(head.texts.en))])];
  const result: StaleTranslation[] = [];
  for (const name of headNames) {
    const track = tracks.get(name);
    if (!track) continue;
    const missing: TextLocale | null = track.text.ja === undefined ? "ja" : track.text.en === undefined ? "en" : null;
    const stale = missing ?? track.stale;
    if (!stale) continue;
    const newer: TextLocale = stale === "ja" ? "en" : "ja";
    const changedIn = track.changedIn[newer];
    if (changedIn === null) continue;
    result.push({ name, stale, newer, changedIn, staleSince: track.changedIn[stale] });
  }
  return result;
}
