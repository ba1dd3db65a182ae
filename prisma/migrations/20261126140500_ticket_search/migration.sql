-- Ticket search over messages and internal notes (decision 0023).
-- "searchText" is the text of every message and note of the ticket, appended by
-- lib/tickets/add-message.ts in the transaction that writes the message. One trigram index over the
-- ticket's own fields and that text serves the staff list's search; the planner can then choose it
-- for rare terms or walk the list's sort index and filter for frequent ones (a UNION over an index on
-- TicketMessage cannot stop early). Staff-only: no requester-facing query reads this column.
ALTER TABLE "Ticket" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

UPDATE "Ticket" t SET "searchText" = m."text"
FROM (SELECT "ticketId", string_agg("body", E'\n' ORDER BY "createdAt") AS "text" FROM "TicketMessage" GROUP BY "ticketId") m
WHERE m."ticketId" = t."id";

DROP INDEX "Ticket_search_trgm_idx";

-- The expression must stay exactly the one in lib/data/ticket-list.ts (searchCondition).
-- Not expressible in schema.prisma: lib/db-schema.test.ts allows *_trgm_idx.
CREATE INDEX "Ticket_search_trgm_idx" ON "Ticket" USING GIN (
    ("reference" || ' ' || "username" || ' ' || "name" || ' ' || "email" || ' ' || "affiliation" || ' ' || "description" || ' ' || "searchText") gin_trgm_ops
);

-- Queries of one or two characters have no trigram to look up in the index above, and checking
-- word similarity against the whole text costs ~0.15 ms a row: they search the starts of the words of
-- the requester's name and username only (a family name 田中, a username's start), through this
-- small index (decision 0023).
CREATE INDEX "Ticket_requester_trgm_idx" ON "Ticket" USING GIN (("name" || ' ' || "username") gin_trgm_ops);
