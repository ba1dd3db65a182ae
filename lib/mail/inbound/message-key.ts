// The identity of an inbound mail, read from its raw bytes without a full parse: storing is idempotent
// by it, so the same mail fetched twice (a crash between storing and moving it on the IMAP server, a
// retry by a sending server) is kept once.
import { createHash } from "node:crypto";

/** The header block, unfolded: continuation lines joined to the line they continue. */
export function headerBlock(raw: Buffer): string {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  return (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
}

/** A header's first value (case-insensitive name), or undefined. */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const pattern = new RegExp(`^${name.replace(/[-]/g, "\\-")}:[ \\t]*(.*)$`, "im");
  return headerBlock(raw).match(pattern)?.[1]?.trim() || undefined;
}

/** "mid:<Message-ID without brackets>", or "sha256:<hash of the bytes>" for a mail without one. */
export function messageKey(raw: Buffer): string {
  const id = rawHeader(raw, "Message-ID")?.match(/<([^<>\s]{1,900})>/)?.[1] ?? rawHeader(raw, "Message-ID")?.match(/^([^<>\s]{1,900})$/)?.[1];
  return id ? `mid:${id}` : `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}
