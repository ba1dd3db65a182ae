-- Help content in PostgreSQL as versions (issue 12, docs/decisions/0025), and the editor role.

-- An editor is an agent who may also edit content. Not used in this migration, so adding the value
-- inside the migration's transaction is fine (PostgreSQL 12+).
ALTER TYPE "StaffRole" ADD VALUE 'editor';

CREATE TYPE "ContentKind" AS ENUM ('guide', 'article', 'link', 'topic');

CREATE TABLE "ContentItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ContentKind" NOT NULL,
    "key" TEXT NOT NULL,
    "liveVersionId" UUID,
    "headNumber" INTEGER NOT NULL DEFAULT 0,
    "importedNumber" INTEGER,
    "ownerId" UUID,
    "reviewBy" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ContentItem_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ContentVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "itemId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    -- json, not jsonb: it keeps the document's key order (an export writes guide.json as imported).
    "data" JSON NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ContentVersion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ContentEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "itemId" UUID NOT NULL,
    "versionId" UUID,
    "action" TEXT NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,
    CONSTRAINT "ContentEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ContentItem_liveVersionId_key" ON "ContentItem"("liveVersionId");
CREATE UNIQUE INDEX "ContentItem_kind_key_key" ON "ContentItem"("kind", "key");
CREATE UNIQUE INDEX "ContentVersion_itemId_number_key" ON "ContentVersion"("itemId", "number");
CREATE INDEX "ContentEvent_itemId_at_idx" ON "ContentEvent"("itemId", "at");
CREATE INDEX "ContentEvent_at_idx" ON "ContentEvent"("at");

ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_liveVersionId_fkey" FOREIGN KEY ("liveVersionId") REFERENCES "ContentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContentEvent" ADD CONSTRAINT "ContentEvent_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContentEvent" ADD CONSTRAINT "ContentEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ContentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
