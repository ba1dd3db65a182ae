// Many tickets at once for the list specs (issue 10 part B), in one SQL statement; plain SQL like
// ./admin.ts, since the e2e process never imports lib/db.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql } from "./db";

export type ListTicket = { id: string; reference: string; username: string };

/**
 * `count` generic-form tickets whose description holds `tag`: the first is the newest, usernames
 * ascend with the index (`<tag>u001`, ...), so each sort has a known order.
 */
export async function createTickets(count: number, tag: string, over: { status?: string; assigneeId?: string } = {}): Promise<ListTicket[]> {
  const { rows: seq } = await sql<{ last: number }>(
    `INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES ('LST', 2026, $1)
     ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + $1 RETURNING "last"`,
    [count],
  );
  const first = seq[0].last - count + 1;
  const { rows } = await sql<ListTicket & { n: number }>(
    `INSERT INTO "Ticket" ("reference", "status", "assigneeId", "locale", "name", "username", "affiliation", "email", "failedAt",
       "description", "statusTokenHash", "statusTokenExpiresAt", "createdAt", "updatedAt", "lastActivityAt")
     SELECT 'LST-2026-' || lpad(($1 + g - 1)::text, 6, '0'), $4::"TicketStatus", $5::uuid, 'ja', '一覧 ' || g,
       $2 || 'u' || lpad(g::text, 3, '0'), 'student', $2 || g || '@example.com', now() - interval '2 hours',
       '一覧の確認 ' || $2 || ' #' || g, md5($2 || g || random()), now() + interval '180 days',
       now() - (g || ' minutes')::interval, now(), now() - (g || ' minutes')::interval
     FROM generate_series(1, $3::int) g
     RETURNING "id", "reference", "username"`,
    [first, tag, count, over.status ?? "new", over.assigneeId ?? null],
  );
  return rows.sort((a, b) => a.username.localeCompare(b.username));
}

/** A status-page link for a ticket: a fresh token whose SHA-256 replaces the stored one. */
export async function statusLink(ticketId: string) {
  const token = randomBytes(16).toString("base64url");
  await sql(`UPDATE "Ticket" SET "statusTokenHash" = $2 WHERE "id" = $1`, [ticketId, createHash("sha256").update(token).digest("hex")]);
  return `/ja/requests/${token}`;
}

export const uniqueTag = () => `l${randomUUID().slice(0, 7)}`;
