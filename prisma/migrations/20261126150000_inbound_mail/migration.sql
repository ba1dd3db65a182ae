-- Inbound mail kept raw before processing (issue 11, docs/decisions/0024-inbound-mail.md).

-- CreateEnum
CREATE TYPE "InboundMailState" AS ENUM ('received', 'applied', 'held', 'ignored', 'failed');

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "messageKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "raw" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "envelopeFrom" TEXT,
    "state" "InboundMailState" NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "ticketId" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_messageKey_key" ON "InboundMail"("messageKey");

-- CreateIndex
CREATE INDEX "InboundMail_state_nextAttemptAt_idx" ON "InboundMail"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboundMail_ticketId_idx" ON "InboundMail"("ticketId");
