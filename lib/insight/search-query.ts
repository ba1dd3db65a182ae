// How a search is kept for analytics (docs/decisions/0031): normalised so the same question counts
// once, and with what could identify or harm a person masked before it is stored. People type
// student numbers, addresses and even passwords into search boxes.
import { maskSecrets } from "@/lib/secrets";

export const LOGGED_QUERY_MAX = 200;

const EMAIL = /[^\s@]+@[^\s@]+/g;
// Student numbers (s1234567), phone numbers: long digit runs and dashed numbers. Short numbers such
// as error codes (AADSTS50126, 403) stay: they are what editors need to see.
const PHONE = /\d{2,4}-\d{2,4}-\d{3,4}/g;
const LONG_NUMBER = /\d{7,}/g;

/** NFKC, lower case, one space between words, masked, cut to LOGGED_QUERY_MAX. */
export function loggedQuery(raw: string): string {
  const normal = raw.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
  const { text } = maskSecrets(normal);
  return text.replace(EMAIL, "[email]").replace(PHONE, "[number]").replace(LONG_NUMBER, "[number]").slice(0, LOGGED_QUERY_MAX).trim();
}

/**
 * Whether `next` continues `previous` while typing (one extends or shortens the other): the
 * chooser asks at every pause, and "証", "証明", "証明書" are one search, not three.
 */
export function continuesTyping(previous: string, next: string): boolean {
  return previous.startsWith(next) || next.startsWith(previous);
}

/** The search-result click route: records the click on the search, then lands on the result. */
export function searchClickHref(searchId: string, href: string): string {
  return `/api/search/click?${new URLSearchParams({ s: searchId, to: href })}`;
}

// Only the help center's own pages: the route never sends anyone elsewhere (no open redirect). Ids
// and slugs are kebab-case, so no dot or percent sign is needed (and none can make a ".." segment).
const HELP_TARGET = /^\/(ja|en)\/(guides|articles)(\/[a-z0-9-]+)+$/;

/** The landing page of a click if it is one of our help pages, else null. */
export function searchClickTarget(to: string | null): string | null {
  return to && to.length <= 2000 && HELP_TARGET.test(to) ? to : null;
}
