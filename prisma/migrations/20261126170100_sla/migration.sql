-- Service levels in business time (issue 13, docs/decisions/0028-business-time-and-slas.md).

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "firstResponseDueAt" TIMESTAMPTZ(3),
ADD COLUMN "resolutionDueAt" TIMESTAMPTZ(3),
ADD COLUMN "slaPausedAt" TIMESTAMPTZ(3),
ADD COLUMN "firstRespondedAt" TIMESTAMPTZ(3),
ADD COLUMN "slaPausedMinutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "firstResponseTargetMinutes" INTEGER,
ADD COLUMN "resolutionTargetMinutes" INTEGER,
ADD COLUMN "slaDueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT '9999-12-31 00:00:00+00'::timestamptz;

-- CreateTable
CREATE TABLE "BusinessCalendar" (
    "id" TEXT NOT NULL,
    "hours" JSONB NOT NULL,
    "slaWarningMinutes" INTEGER NOT NULL DEFAULT 60,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "BusinessCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClosureDay" (
    "day" DATE NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "ClosureDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "priority" "TicketPriority" NOT NULL,
    "guideId" TEXT NOT NULL DEFAULT '',
    "firstResponseMinutes" INTEGER,
    "resolutionMinutes" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_priority_guideId_key" ON "SlaPolicy"("priority", "guideId");

-- CreateIndex
CREATE INDEX "Ticket_slaDueAt_id_idx" ON "Ticket"("slaDueAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_slaDueAt_id_idx" ON "Ticket"("status", "slaDueAt", "id");

-- Reference data: the help desk's hours (Mon–Fri 8:30–17:15 Japan time) and a default policy per
-- priority (one business day is 525 minutes). Admins change both at /admin/settings/calendar and /sla.
INSERT INTO "BusinessCalendar" ("id", "hours")
VALUES ('default', '{"1":[510,1035],"2":[510,1035],"3":[510,1035],"4":[510,1035],"5":[510,1035]}');

INSERT INTO "SlaPolicy" ("priority", "firstResponseMinutes", "resolutionMinutes") VALUES
  ('urgent', 60, 525),
  ('high', 120, 1050),
  ('normal', 240, 2625),
  ('low', 525, 5250);
