-- Foundation: staff, tickets and their audit trail.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('agent', 'admin');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('new', 'open', 'waiting', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'requester', 'system');

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "StaffRole" NOT NULL DEFAULT 'agent',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastLoginAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'new',
    "priority" "TicketPriority" NOT NULL DEFAULT 'normal',
    "assigneeId" UUID,
    "guideId" TEXT,
    "path" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "walk" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "endStep" TEXT,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "changedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "locale" TEXT NOT NULL DEFAULT 'ja',
    "name" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "affiliation" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL,
    "network" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "serviceOther" TEXT,
    "messageShown" TEXT NOT NULL,
    "messageOther" TEXT,
    "factor" TEXT NOT NULL,
    "stopsAt" TEXT NOT NULL,
    "contactFormLogin" TEXT NOT NULL,
    "tried" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "device" TEXT,
    "certificateInfo" TEXT,
    "description" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "statusTokenHash" TEXT NOT NULL,
    "statusTokenExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "firstResponseAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ticketId" UUID NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketSequence" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "TicketSequence_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_reference_key" ON "Ticket"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_idempotencyKey_key" ON "Ticket"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_statusTokenHash_key" ON "Ticket"("statusTokenHash");

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_id_idx" ON "Ticket"("status", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Ticket_status_updatedAt_id_idx" ON "Ticket"("status", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Ticket_status_priority_createdAt_id_idx" ON "Ticket"("status", "priority", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_createdAt_idx" ON "Ticket"("assigneeId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Ticket_createdAt_id_idx" ON "Ticket"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Ticket_endStep_messageShown_createdAt_idx" ON "Ticket"("endStep", "messageShown", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_messageShown_network_createdAt_idx" ON "Ticket"("messageShown", "network", "createdAt");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_idx" ON "TicketEvent"("ticketId", "createdAt");

-- Search over reference, username, name, e-mail and description; trigrams work for Japanese
-- under a UTF-8 locale. Not expressible in schema.prisma: lib/db-schema.test.ts allows *_trgm_idx.
CREATE INDEX "Ticket_search_trgm_idx" ON "Ticket" USING GIN (
    ("reference" || ' ' || "username" || ' ' || "name" || ' ' || "email" || ' ' || "description") gin_trgm_ops
);

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
