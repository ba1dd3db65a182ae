-- The generic ticket model (issue 9, docs/decisions/0015): a guide's own questions are no longer
-- Ticket columns. Their values move into "answers" (JSONB, keyed by the form field's key as declared
-- in the guide's guide.json); the answers the walk's choices set, stored in "answers" until now, keep
-- their values under the name "pathAnswers". Every stored value is kept: a NULL column becomes an
-- absent key, "tried" a JSON array.

ALTER TABLE "Ticket" RENAME COLUMN "answers" TO "pathAnswers";
ALTER TABLE "Ticket" ADD COLUMN "answers" JSONB NOT NULL DEFAULT '{}';

UPDATE "Ticket" SET "answers" =
    jsonb_strip_nulls(jsonb_build_object(
        'network', "network",
        'service', "service",
        'serviceOther', "serviceOther",
        'messageShown', "messageShown",
        'messageOther', "messageOther",
        'factor', "factor",
        'stopsAt', "stopsAt",
        'contactFormLogin', "contactFormLogin",
        'certificateInfo', "certificateInfo",
        -- recorded from the walk for staff (askWhen "never" in jaist-sso/guide.json)
        'certificateImported', "pathAnswers"->'certificateImported'
    ))
    || jsonb_build_object('tried', to_jsonb("tried"));

-- Dropping the columns drops the two indexes built on them (endStep/messageShown, messageShown/network).
ALTER TABLE "Ticket"
    DROP COLUMN "network",
    DROP COLUMN "service",
    DROP COLUMN "serviceOther",
    DROP COLUMN "messageShown",
    DROP COLUMN "messageOther",
    DROP COLUMN "factor",
    DROP COLUMN "stopsAt",
    DROP COLUMN "contactFormLogin",
    DROP COLUMN "tried",
    DROP COLUMN "certificateInfo";

-- Staff filter the list by guide, newest first (the same shape as the status indexes).
CREATE INDEX "Ticket_guideId_createdAt_id_idx" ON "Ticket"("guideId", "createdAt" DESC, "id");

-- Staff filter by any declared answer: one containment index serves every key of every guide
-- ("answers" @> '{"messageShown":"auth-failed"}').
CREATE INDEX "Ticket_answers_idx" ON "Ticket" USING GIN ("answers" jsonb_path_ops);
