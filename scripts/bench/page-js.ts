// How much JavaScript a help page ships, split into Next's framework runtime and the app's own code
// (issue 14: "no app code beyond the framework runtime plus 10 KB gzip"). Used by the JS budget
// spec (e2e/js-budget.spec.ts) and the bench's rows (scripts/bench/web.ts).
//
// The framework runtime is read from the build's manifests, never guessed from file names:
// - `.next/build-manifest.json` `rootMainFiles`: the chunks every App Router page boots with (React,
//   React DOM, Next's client router, Turbopack's runtime);
// - every `page_client-reference-manifest.js` under `.next/server/app`: its `entryJSFiles` maps each
//   client entry to its chunks; entries of `[project]/node_modules/next/` are Next's own built-in
//   client components (its not-found and error boundaries), loaded by every page too.
// `polyfillFiles` are `nomodule` scripts that modern browsers never load: counted nowhere.
// Everything else a page loads is app code, including library code our client components pull in
// (next/link counts there when only our component uses it): the budget is on what the app adds.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const APP_JS_BUDGET_GZIP_BYTES = 10 * 1024;

export type FrameworkChunks = { files: Set<string>; polyfills: Set<string> };

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

/** `static/chunks/…js` paths (as the manifests name them) of the framework runtime of build `distDir`. */
export function frameworkChunks(distDir: string): FrameworkChunks {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[]; polyfillFiles?: string[] };
  if (!build.rootMainFiles?.length) throw new Error(`${distDir}/build-manifest.json lists no rootMainFiles: not an App Router production build?`);
  const files = new Set(build.rootMainFiles);
  for (const manifest of walk(path.join(distDir, "server", "app"))) {
    const text = readFileSync(manifest, "utf8");
    for (const match of text.matchAll(/"entryJSFiles":(\{[^}]*\})/g)) {
      const entries = JSON.parse(match[1]) as Record<string, string[]>;
      for (const [entry, chunks] of Object.entries(entries)) {
        if (entry.startsWith("[project]/node_modules/next/")) for (const chunk of chunks) files.add(chunk);
      }
    }
  }
  return { files, polyfills: new Set(build.polyfillFiles ?? []) };
}

/** A script URL's path as the manifests name it: `/_next/static/chunks/a.js?dpl=…` → `static/chunks/a.js`. */
export function manifestName(url: string): string {
  const pathname = new URL(url, "http://x").pathname;
  return pathname.startsWith("/_next/") ? pathname.slice("/_next/".length) : pathname;
}

export type PageScript = { url: string; body: Buffer };
export type PageJs = { frameworkGzip: number; appGzip: number; appScripts: { name: string; gzip: number }[] };

/** gzip at zlib's default level (6), what the app's own compression sends. */
export const gzipSize = (body: Buffer) => gzipSync(body).length;

export function splitPageJs(scripts: PageScript[], framework: FrameworkChunks): PageJs {
  let frameworkGzip = 0;
  const appScripts: { name: string; gzip: number }[] = [];
  const seen = new Set<string>();
  for (const script of scripts) {
    const name = manifestName(script.url);
    if (seen.has(name) || framework.polyfills.has(name)) continue;
    seen.add(name);
    const gzip = gzipSize(script.body);
    if (framework.files.has(name)) frameworkGzip += gzip;
    else appScripts.push({ name, gzip });
  }
  return { frameworkGzip, appGzip: appScripts.reduce((sum, s) => sum + s.gzip, 0), appScripts };
}

/** The external scripts a page's HTML names (`<script src>`), for a quick count without a browser. */
export function scriptSources(html: string): string[] {
  return [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
}
