-- The agent's ticket list: last activity, per-agent read marks, saved views (issue 10 part B,
-- docs/decisions/0019-ticket-list-unread-and-saved-views.md).

-- AlterTable: maintained by lib/tickets/events.ts recordEvent; history so far counts as activity.
ALTER TABLE "Ticket" ADD COLUMN "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Ticket" t SET "lastActivityAt" = GREATEST(t."createdAt", COALESCE((SELECT max(e."createdAt") FROM "TicketEvent" e WHERE e."ticketId" = t."id"), t."createdAt"));

-- CreateTable
CREATE TABLE "TicketReadMark" (
    "staffId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TicketReadMark_pkey" PRIMARY KEY ("staffId","ticketId")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ownerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketReadMark_ticketId_idx" ON "TicketReadMark"("ticketId");

-- CreateIndex
CREATE INDEX "SavedView_ownerId_name_idx" ON "SavedView"("ownerId", "name");

-- CreateIndex
CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");

-- CreateIndex: the list's sorts by last activity, requester and reference, per tab and over all
-- statuses, and "mine" over all statuses (index range scans at a million tickets).
CREATE INDEX "Ticket_status_lastActivityAt_id_idx" ON "Ticket"("status", "lastActivityAt" DESC, "id");
CREATE INDEX "Ticket_lastActivityAt_id_idx" ON "Ticket"("lastActivityAt" DESC, "id");
CREATE INDEX "Ticket_status_username_id_idx" ON "Ticket"("status", "username", "id");
CREATE INDEX "Ticket_username_id_idx" ON "Ticket"("username", "id");
CREATE INDEX "Ticket_status_reference_idx" ON "Ticket"("status", "reference");
CREATE INDEX "Ticket_priority_createdAt_id_idx" ON "Ticket"("priority", "createdAt" DESC, "id");
CREATE INDEX "Ticket_assigneeId_createdAt_id_idx" ON "Ticket"("assigneeId", "createdAt" DESC, "id");
CREATE INDEX "Ticket_assigneeId_lastActivityAt_id_idx" ON "Ticket"("assigneeId", "lastActivityAt" DESC, "id");

-- AddForeignKey
ALTER TABLE "TicketReadMark" ADD CONSTRAINT "TicketReadMark_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketReadMark" ADD CONSTRAINT "TicketReadMark_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
