-- Deflection, search analytics and feedback to staff (issue 13, docs/decisions/0031-deflection-and-search-analytics.md).

-- CreateEnum
CREATE TYPE "SearchSource" AS ENUM ('page', 'suggest', 'chooser');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "helpSessionHash" TEXT;

-- AlterTable
ALTER TABLE "StepFeedback" ADD COLUMN "handledAt" TIMESTAMPTZ(3),
ADD COLUMN "handledById" UUID;

-- CreateTable
CREATE TABLE "StepVisit" (
    "sessionHash" TEXT NOT NULL,
    "guideId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StepVisit_pkey" PRIMARY KEY ("sessionHash","guideId","stepId","day")
);

-- CreateTable
CREATE TABLE "SearchLog" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "locale" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "resultCount" INTEGER NOT NULL,
    "source" "SearchSource" NOT NULL,
    "sessionHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "firstClickAt" TIMESTAMPTZ(3),

    CONSTRAINT "SearchLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Ticket_helpSessionHash_createdAt_idx" ON "Ticket"("helpSessionHash", "createdAt");

-- CreateIndex
CREATE INDEX "StepFeedback_helpful_createdAt_idx" ON "StepFeedback"("helpful", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "StepVisit_guideId_day_idx" ON "StepVisit"("guideId", "day");

-- CreateIndex
CREATE INDEX "StepVisit_day_idx" ON "StepVisit"("day");

-- CreateIndex
CREATE INDEX "SearchLog_createdAt_idx" ON "SearchLog"("createdAt");

-- CreateIndex
CREATE INDEX "SearchLog_sessionHash_createdAt_idx" ON "SearchLog"("sessionHash", "createdAt");

-- AddForeignKey
ALTER TABLE "StepFeedback" ADD CONSTRAINT "StepFeedback_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
