// Why each ticket of a search result matched, for the rows shown (at most one page): which field,
// and a snippet of the message or note. Staff only, like the list (callers check the actor first).
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { containsPattern } from "@/lib/data/ticket-list";
import type { MarkedText } from "@/lib/search";

export type SearchMatchField = "reference" | "requester" | "description" | "message" | "note";
export type SearchMatch = { field: SearchMatchField; snippet: MarkedText | null };

type Row = {
  id: string;
  reference: string;
  username: string;
  name: string;
  email: string;
  affiliation: string;
  description: string;
  messageBody: string | null;
  messageVisibility: "public" | "internal" | null;
};

const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 80;

/** The snippet around the first occurrence of q in text (case-insensitive), or null when absent. */
export function snippetAround(text: string, q: string): MarkedText | null {
  const lower = text.toLowerCase();
  const at = lower.indexOf(q.toLowerCase());
  if (at === -1) return null;
  const flat = (s: string) => s.replace(/\s+/g, " ");
  // toLowerCase changes the length of a few characters; then the offsets cannot be trusted.
  if (lower.length !== text.length) return [{ text: flat(text.slice(0, SNIPPET_BEFORE + SNIPPET_AFTER)), mark: false }];
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const end = Math.min(text.length, at + q.length + SNIPPET_AFTER);
  const parts: MarkedText = [];
  const before = (start > 0 ? "…" : "") + flat(text.slice(start, at));
  if (before) parts.push({ text: before, mark: false });
  parts.push({ text: flat(text.slice(at, at + q.length)), mark: true });
  const after = flat(text.slice(at + q.length, end)) + (end < text.length ? "…" : "");
  if (after) parts.push({ text: after, mark: false });
  return parts;
}

/**
 * For each ticket id, where q occurs: its own fields first (they are on the row already, so no
 * snippet except for the description), then the newest matching message or note. Bounded by the
 * page: one lookup per ticket on TicketMessage(ticketId, createdAt).
 */
export async function describeSearchMatches(ticketIds: string[], q: string): Promise<Map<string, SearchMatch>> {
  const result = new Map<string, SearchMatch>();
  if (!ticketIds.length || !q) return result;
  const rows = await db().$queryRaw<Row[]>(Prisma.sql`
    SELECT t."id", t."reference", t."username", t."name", t."email", t."affiliation", t."description",
           m."body" AS "messageBody", m."visibility"::text AS "messageVisibility"
    FROM "Ticket" t
    LEFT JOIN LATERAL (
      SELECT mm."body", mm."visibility" FROM "TicketMessage" mm
      WHERE mm."ticketId" = t."id" AND mm."body" ILIKE ${containsPattern(q)}
      ORDER BY mm."createdAt" DESC LIMIT 1
    ) m ON true
    WHERE t."id" = ANY(${ticketIds}::uuid[])`);
  const has = (s: string) => s.toLowerCase().includes(q.toLowerCase());
  for (const r of rows) {
    let match: SearchMatch | null = null;
    if (has(r.reference)) match = { field: "reference", snippet: null };
    else if (has(r.name) || has(r.username) || has(r.email) || has(r.affiliation)) match = { field: "requester", snippet: null };
    else if (has(r.description)) match = { field: "description", snippet: snippetAround(r.description, q) };
    else if (r.messageBody !== null) {
      match = { field: r.messageVisibility === "internal" ? "note" : "message", snippet: snippetAround(r.messageBody, q) };
    }
    if (match) result.set(r.id, match);
  }
  return result;
}
