-- Help center: service-status banner, "did this solve it?" votes, step page views.

-- CreateEnum
CREATE TYPE "ServiceState" AS ENUM ('operational', 'degraded', 'outage', 'maintenance');

-- CreateTable
CREATE TABLE "ServiceStatus" (
    "id" TEXT NOT NULL,
    "nameJa" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "state" "ServiceState" NOT NULL DEFAULT 'operational',
    "messageJa" TEXT,
    "messageEn" TEXT,
    "since" TIMESTAMPTZ(3),
    "until" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "ServiceStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepFeedback" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "guideId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "comment" TEXT,
    "sessionHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepView" (
    "guideId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StepView_pkey" PRIMARY KEY ("guideId","stepId","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "StepFeedback_guideId_stepId_sessionHash_key" ON "StepFeedback"("guideId", "stepId", "sessionHash");

-- CreateIndex
CREATE INDEX "StepFeedback_guideId_stepId_helpful_idx" ON "StepFeedback"("guideId", "stepId", "helpful");

-- Reference data: the services the banner reports on.
INSERT INTO "ServiceStatus" ("id", "nameJa", "nameEn", "sortOrder") VALUES
    ('jaist-sso', 'JAIST-SSO', 'JAIST-SSO', 1),
    ('webmail', 'Webmail', 'Webmail', 2),
    ('ssl-vpn', 'SSL-VPN', 'SSL-VPN', 3),
    ('wifi', '学内Wi-Fi', 'Campus Wi-Fi', 4);
