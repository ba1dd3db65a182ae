-- Who handled a held inbound mail (issue 11, part Q: the held queue), kept beside the outcome.

-- AlterTable
ALTER TABLE "InboundMail" ADD COLUMN "handledById" UUID;
