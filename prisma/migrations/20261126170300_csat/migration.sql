-- Customer satisfaction (issue 13, part csat; docs/decisions/0030-csat.md). One row per ticket, made when
-- staff resolve it (the offer) and filled when the requester rates it, so the report reads one table.

-- CreateEnum
CREATE TYPE "CsatScore" AS ENUM ('good', 'bad');

-- CreateTable
CREATE TABLE "CsatRating" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ticketId" UUID NOT NULL,
    "rating" "CsatScore",
    "comment" TEXT,
    "resolvedAt" TIMESTAMPTZ(3) NOT NULL,
    "agentId" UUID,
    "guideId" TEXT,
    "endStep" TEXT,
    "ratedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CsatRating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CsatRating_ticketId_key" ON "CsatRating"("ticketId");

-- CreateIndex
CREATE INDEX "CsatRating_resolvedAt_idx" ON "CsatRating"("resolvedAt");

-- AddForeignKey
ALTER TABLE "CsatRating" ADD CONSTRAINT "CsatRating_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
