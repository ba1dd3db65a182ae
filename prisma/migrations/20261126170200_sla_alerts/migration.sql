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
-- adds a "mail:deliver" job of the job queue, once per transaction (a transaction-local setting
-- remembers it). Without a job key: a key would make every mail-queuing transaction update the one
-- keyed job row and wait for each other's commits; the delivery round instead completes the jobs
-- its claim covers (lib/mail/sender.ts), so a burst still costs one round. Rolled back with the mail.
-- The function is resolved when it runs, after lib/migrate.ts has installed the graphile_worker schema.
CREATE FUNCTION "tebiki_request_mail_delivery"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tebiki.mail_delivery_requested', true) IS DISTINCT FROM 'yes' THEN
    -- A second's grace: the mails of a burst committed meanwhile go out in the same round.
    PERFORM graphile_worker.add_job('mail:deliver', run_at := now() + interval '1 second', max_attempts := 3);
    PERFORM set_config('tebiki.mail_delivery_requested', 'yes', true);
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "OutboxMail_request_delivery"
  AFTER INSERT ON "OutboxMail"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."status" = 'pending')
  EXECUTE FUNCTION "tebiki_request_mail_delivery"();
