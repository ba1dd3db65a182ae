// Sets the Content-Security-Policy of a response as its headers go out. HTML documents are held
// until complete, so that the policy can list the hash of every inline script in them (Next's RSC
// payload and bootstrap scripts differ per page and, for dynamic pages, per request). Everything
// else passes through with the policy for non-HTML responses.
//
// Holding HTML gives up streaming: a page's first byte leaves when its last one is rendered. The
// public pages come from the cache whole anyway; see docs/decisions/0010-custom-server.md.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { CSP_HEADER, inlineScriptHashes } from "@/lib/server/security-headers";

export type PolicyFor = (scriptHashes: readonly string[] | undefined) => string;

type Mode = "undecided" | "hold" | "pass" | "flushing";

function applyHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | readonly (string | string[])[] | undefined) {
  if (!headers) return;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string | string[]);
    return;
  }
  for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) if (value !== undefined) res.setHeader(name, value);
}

// A cached page is the same HTML on every request, and Next writes it as one string: its policy is
// remembered by that string (a Map hashes a string once per instance and compares on a hit), so the
// scan and the SHA-256 of its inline scripts run once per page version rather than per request. The
// entries are the pages' current versions; the oldest goes first beyond MEMO_ENTRIES. Per policy
// function, since the policy also depends on the server's options. (issue 14, decision 0034)
const MEMO_ENTRIES = 64;
const memos = new WeakMap<PolicyFor, Map<string, string>>();

function policyOfHtml(policyFor: PolicyFor, html: string): string {
  let memo = memos.get(policyFor);
  if (!memo) memos.set(policyFor, (memo = new Map()));
  let policy = memo.get(html);
  if (policy === undefined) {
    policy = policyFor(inlineScriptHashes(html));
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(html, policy);
  }
  return policy;
}

const isUtf8 = (encoding: unknown) => encoding === undefined || encoding === null || typeof encoding === "function" || encoding === "utf8" || encoding === "utf-8";

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

/**
 * Patches `res` so that its CSP is set when the headers are sent. `beforeHeaders` runs right before
 * they are (the server uses it to add `Connection: close` while shutting down).
 */
export function applyHtmlPolicy(req: IncomingMessage, res: ServerResponse, policyFor: PolicyFor, beforeHeaders?: () => void) {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  let mode: Mode = "undecided";
  // Strings stay strings (Next writes a cached page as one): converting them cost ~4% of a cached page's CPU.
  const chunks: (Buffer | string)[] = [];

  const decide = () => {
    if (mode !== "undecided") return;
    if (res.statusCode === 304) {
      // A 304's headers replace the cached response's: a policy here would drop the cached page's
      // script hashes, and the body (hence the hashes) is unchanged when the ETag matched.
      res.removeHeader(CSP_HEADER);
      mode = "pass";
      return;
    }
    const type = String(res.getHeader("content-type") ?? "");
    if (req.method !== "HEAD" && /^text\/html\b/i.test(type)) {
      mode = "hold";
      return;
    }
    res.setHeader(CSP_HEADER, policyFor(undefined));
    mode = "pass";
  };

  res.writeHead = function writeHead(this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = (message === undefined ? rest[0] : rest[1]) as OutgoingHttpHeaders | undefined;
    res.statusCode = statusCode;
    if (message !== undefined) res.statusMessage = message;
    applyHeaders(res, headers);
    decide();
    // Held HTML sends its headers with the body, in end() below.
    if (mode === "hold") return res;
    beforeHeaders?.();
    return original.writeHead.call(res, res.statusCode);
  } as ServerResponse["writeHead"];

  // Next flushes the headers of every streamed response (API routes too) right before it writes the
  // first chunk, in the same tick: sent alone they cost a write to the socket of their own (issue 14:
  // 6 % of the server's CPU under the intake benchmark, a loopback write being as dear as its bytes).
  // Deferred to the next tick, they go out with that first chunk; a stream that writes nothing yet
  // (the live views' event stream) still has its headers out within the tick.
  res.flushHeaders = function flushHeaders() {
    decide();
    if (mode === "hold") return;
    process.nextTick(() => {
      if (!res.headersSent && !res.destroyed) original.flushHeaders.call(res);
    });
  };

  res.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown) {
    decide();
    if (mode !== "hold") return (original.write as (...args: unknown[]) => boolean).call(res, chunk, encoding, callback);
    chunks.push(typeof chunk === "string" && isUtf8(encoding) ? chunk : toBuffer(chunk, encoding));
    const cb = typeof encoding === "function" ? encoding : callback;
    if (typeof cb === "function") process.nextTick(cb as () => void);
    // Always true: the bytes are in memory, there is no drain to wait for.
    return true;
  } as ServerResponse["write"];

  res.end = function end(chunk?: unknown, encoding?: unknown, callback?: unknown) {
    decide();
    const endOriginal = original.end as (...args: unknown[]) => ServerResponse;
    if (mode !== "hold") return endOriginal.call(res, chunk, encoding, callback);
    if (typeof chunk === "function") {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === "function") {
      callback = encoding;
      encoding = undefined;
    }
    if (chunk !== undefined && chunk !== null) chunks.push(typeof chunk === "string" && isUtf8(encoding) ? chunk : toBuffer(chunk, encoding));
    mode = "flushing";
    if (chunks.every((part) => typeof part === "string")) {
      // The same bytes as written, so a Content-Length Next set still holds.
      const html = chunks.join("");
      chunks.length = 0;
      res.setHeader(CSP_HEADER, policyOfHtml(policyFor, html));
      return endOriginal.call(res, html, "utf8", callback);
    }
    const body = Buffer.concat(chunks.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : part)));
    chunks.length = 0;
    res.setHeader(CSP_HEADER, policyFor(inlineScriptHashes(body)));
    if (res.hasHeader("content-length")) res.setHeader("content-length", body.length);
    return endOriginal.call(res, body, callback);
  } as ServerResponse["end"];
}
