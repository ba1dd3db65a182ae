// Security headers of every response, and the Content-Security-Policy of HTML pages built from the
// hashes of the page's own inline scripts (docs/decisions/0010-custom-server.md). Plain Node: the
// custom server (server.ts) imports this outside Next's bundles, so no `server-only` and no `@/lib/env`.
import { createHash } from "node:crypto";

export const CSP_HEADER = "Content-Security-Policy";

export type PolicyOptions = {
  dev: boolean;
  /** 'sha256-…' sources of the page's inline scripts; none for responses that are not HTML. */
  scriptHashes?: readonly string[];
  /** Origins a form may post to besides our own (the OIDC issuer: next-auth's sign-in form redirects there). */
  formActionOrigins?: readonly string[];
};

// An inline script is a <script> without src. Next escapes "</script" inside its payloads, so the
// first closing tag ends the element as the browser's parser sees it. The scan runs on the bytes of
// every HTML response: decoding a 30 KB page to a string cost more than everything else here. It
// finds lower-case tags only, as React writes them; a script in any other spelling gets no hash and
// is refused by the browser (fails closed).
const OPEN = Buffer.from("<script");
const CLOSE = Buffer.from("</script");
const HAS_SRC = /(?:^|\s)src\s*=/i;
// What may follow "<script" for it to be that tag: > / space, tab, LF, FF, CR.
const TAG_NAME_ENDS = new Set([0x3e, 0x2f, 0x20, 0x09, 0x0a, 0x0c, 0x0d]);

/** The CSP hash source of every distinct inline script of an HTML document, in document order. */
export function inlineScriptHashes(html: Buffer | string): string[] {
  const bytes = typeof html === "string" ? Buffer.from(html, "utf8") : html;
  const hashes = new Set<string>();
  let at = 0;
  for (;;) {
    const open = bytes.indexOf(OPEN, at);
    if (open === -1) break;
    if (!TAG_NAME_ENDS.has(bytes[open + OPEN.length])) {
      at = open + OPEN.length;
      continue;
    }
    const tagEnd = bytes.indexOf(0x3e, open + OPEN.length);
    if (tagEnd === -1) break;
    const close = bytes.indexOf(CLOSE, tagEnd + 1);
    if (close === -1) break;
    if (!HAS_SRC.test(bytes.toString("latin1", open + OPEN.length, tagEnd))) {
      hashes.add(`'sha256-${createHash("sha256").update(bytes.subarray(tagEnd + 1, close)).digest("base64")}'`);
    }
    at = close + CLOSE.length;
  }
  return [...hashes];
}

export function contentSecurityPolicy({ dev, scriptHashes = [], formActionOrigins = [] }: PolicyOptions): string {
  const script = ["'self'", ...scriptHashes];
  // React Refresh evaluates modules with eval() in development only.
  if (dev) script.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    // Production pages use no inline styles (Tailwind is one stylesheet, fonts are system fonts, see
    // 0003); the development overlay injects <style> elements, so dev allows them.
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    // data: for tiny inline images, blob: for the screenshot preview before upload.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers the development server's HMR WebSocket (same origin) in CSP level 3 browsers.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...formActionOrigins].join(" ")}`,
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

// Features the help center never uses. Only names Chromium and Firefox recognise: an unknown one is
// logged as an error in the browser console on every page.
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(", ");

/** Headers that do not depend on the body. HSTS only in production and over https (it is ignored over http anyway). */
export function staticSecurityHeaders({ dev, https }: { dev: boolean; https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // One year, without includeSubDomains: other hosts of the university's domain are not ours to pin.
  if (!dev && https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}
