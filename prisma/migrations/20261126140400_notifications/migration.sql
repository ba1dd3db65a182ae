-- Staff notifications, reply-mail status links and one mail sign-off (issue 10,
-- docs/decisions/0022-notifications-and-status-links.md).

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('new_ticket', 'requester_message', 'assigned');

-- CreateTable
CREATE TABLE "TicketStatusToken" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ticketId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketStatusToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "staffId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "ticketId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "staffId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "inApp" BOOLEAN NOT NULL,
    "mail" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("staffId","kind")
);

-- CreateTable
CREATE TABLE "GuideFollow" (
    "staffId" UUID NOT NULL,
    "guideKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuideFollow_pkey" PRIMARY KEY ("staffId","guideKey")
);

-- CreateTable
CREATE TABLE "HelpDeskSetting" (
    "id" TEXT NOT NULL,
    "signOffJa" TEXT NOT NULL,
    "signOffEn" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "HelpDeskSetting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketStatusToken_tokenHash_key" ON "TicketStatusToken"("tokenHash");

-- CreateIndex
CREATE INDEX "TicketStatusToken_ticketId_idx" ON "TicketStatusToken"("ticketId");

-- CreateIndex
CREATE INDEX "Notification_staffId_createdAt_idx" ON "Notification"("staffId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_ticketId_idx" ON "Notification"("ticketId");

-- CreateIndex
CREATE INDEX "GuideFollow_guideKey_idx" ON "GuideFollow"("guideKey");

-- AddForeignKey
ALTER TABLE "TicketStatusToken" ADD CONSTRAINT "TicketStatusToken_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuideFollow" ADD CONSTRAINT "GuideFollow_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reference data: the one settings row, with the sign-off the help desk signs with (editable at /admin/settings).
INSERT INTO "HelpDeskSetting" ("id", "signOffJa", "signOffEn") VALUES
    ('default', '情報社会基盤研究センター ヘルプデスク', 'RCACI Help Desk');
