// Where a sign-in may send the browser afterwards: this site only (an open redirect on a login page
// is a phishing tool).

/** A same-origin path for a callbackUrl, or the fallback. Accepts absolute URLs on `baseUrl`. */
export function safeCallbackPath(url: string | null | undefined, baseUrl: string, fallback = "/admin"): string {
  if (!url) return fallback;
  // "//evil.example" and "/\evil.example" are protocol-relative in browsers.
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const parsed = new URL(url);
    const base = new URL(baseUrl);
    if (parsed.origin === base.origin) return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    // not a URL: fall through
  }
  return fallback;
}
