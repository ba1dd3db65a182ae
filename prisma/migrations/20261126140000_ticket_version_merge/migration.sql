-- Optimistic concurrency and merging (issue 10, docs/decisions/0018-no-silent-overwrite-and-merge.md).
-- Every recorded event bumps "Ticket"."version" and keeps the version it made, so a form sent from an
-- older page can be told what happened since. Existing history is numbered in its recorded order.

ALTER TABLE "Ticket" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Ticket" ADD COLUMN "mergedIntoId" UUID;
ALTER TABLE "TicketEvent" ADD COLUMN "version" INTEGER;

UPDATE "TicketEvent" e SET "version" = n."version"
FROM (SELECT "id", row_number() OVER (PARTITION BY "ticketId" ORDER BY "createdAt", "id")::int AS "version" FROM "TicketEvent") n
WHERE e."id" = n."id";

UPDATE "Ticket" t SET "version" = c."count"
FROM (SELECT "ticketId", count(*)::int AS "count" FROM "TicketEvent" GROUP BY "ticketId") c
WHERE t."id" = c."ticketId";

-- CreateIndex
CREATE INDEX "Ticket_mergedIntoId_idx" ON "Ticket"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
