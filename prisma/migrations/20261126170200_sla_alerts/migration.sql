-- SLA warnings and breaches sent by the job queue (issue 13, docs/decisions/0029-job-queue.md).
-- The queue's own tables live in the graphile_worker schema, installed by lib/migrate.ts.

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'sla_warning';
ALTER TYPE "NotificationKind" ADD VALUE 'sla_breach';

-- CreateEnum
CREATE TYPE "SlaTarget" AS ENUM ('first_response', 'resolution');

-- CreateEnum
CREATE TYPE "SlaAlertKind" AS ENUM ('warning', 'breach');

-- CreateTable
CREATE TABLE "TicketSlaAlert" (
    "ticketId" UUID NOT NULL,
    "target" "SlaTarget" NOT NULL,
    "kind" "SlaAlertKind" NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketSlaAlert_pkey" PRIMARY KEY ("ticketId","target","kind")
);

-- AddForeignKey
ALTER TABLE "TicketSlaAlert" ADD CONSTRAINT "TicketSlaAlert_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
