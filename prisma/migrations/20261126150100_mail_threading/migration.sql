-- Outgoing mail that threads, and a reply address per ticket (issue 11, docs/decisions/0024-inbound-mail.md).

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "mailToken" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
ADD COLUMN "lastInboundMessageId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_mailToken_key" ON "Ticket"("mailToken");

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN "messageId" TEXT,
ADD COLUMN "inReplyTo" TEXT,
ADD COLUMN "references" TEXT,
ADD COLUMN "replyTo" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMail_messageId_key" ON "OutboxMail"("messageId");
