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

-- Every mail asks for its delivery in its own transaction, at commit: a deferred constraint trigger
-- adds (or moves up) the one pending "mail:deliver" job of the job queue. Deferred, so that the job
-- row is the last lock the transaction takes: a use case that queues mail and then locks another
-- ticket (bulk updates) cannot deadlock with one that holds that ticket and queues mail. Rolled back
-- with the mail; a burst of mails collapses into one job (its key). The function is resolved when it
-- runs, after lib/migrate.ts has installed the graphile_worker schema.
CREATE FUNCTION "tebiki_request_mail_delivery"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM graphile_worker.add_job('mail:deliver', job_key := 'mail:deliver', max_attempts := 3);
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "OutboxMail_request_delivery"
  AFTER INSERT ON "OutboxMail"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."status" = 'pending')
  EXECUTE FUNCTION "tebiki_request_mail_delivery"();
