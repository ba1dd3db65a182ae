-- Intake bursts, round 2 (issue 14, docs/decisions/0035-intake-throughput.md "Round 2"; 0029, 0032).

-- 1. One delivery job per burst instead of one per mail-queuing transaction. A transaction that
-- queued mail shares a "mail:deliver" job added in the last half second that no worker has taken
-- yet (keyless, due a second after it was added), instead of adding its own; it holds a FOR SHARE
-- lock on that job row until it commits. graphile-worker takes a job with FOR UPDATE SKIP LOCKED
-- and the delivery round's complete_jobs deletes it, and both conflict with the share lock: the
-- shared job is taken only after this transaction committed, so the round's claim (a later
-- statement) sees this transaction's mail. Only jobs younger than half a second are shared, so
-- their share locks end long before they are due and a round is never starved by a burst.
-- SKIP LOCKED: a job being taken or deleted right now is not waited for; the transaction adds its own.
-- Reads graphile-worker's _private_jobs / _private_tasks (0.17.3 is pinned, decision 0029): a view
-- cannot be share-locked row by row.
CREATE OR REPLACE FUNCTION "tebiki_request_mail_delivery"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tebiki.mail_delivery_requested', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('tebiki.mail_delivery_requested', 'yes', true);
    PERFORM 1 FROM graphile_worker._private_jobs j
      WHERE j.task_id = (SELECT t.id FROM graphile_worker._private_tasks t WHERE t.identifier = 'mail:deliver')
        AND j.key IS NULL AND j.locked_at IS NULL AND j.run_at > clock_timestamp() + interval '500 milliseconds'
      LIMIT 1
      FOR SHARE OF j SKIP LOCKED;
    IF NOT FOUND THEN
      -- A second's grace: the mails of a burst committed meanwhile go out in the same round.
      PERFORM graphile_worker.add_job('mail:deliver', run_at := now() + interval '1 second', max_attempts := 3);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

-- 2. The dashboard's per-day and open-ticket counts in slots (decision 0032, "Round 2"): every new
-- ticket added 1 to its (day, guide, end step) and (new, guide, end step) rows and held both row
-- locks to its commit, so a burst of one guide's tickets committed one at a time. Each database
-- session now adds to its own slot (1 + its backend pid modulo 31); readers sum the slots, and the
-- hourly housekeeping job folds the slots into slot 0 (tebiki_fold_ticket_stats), which only the fold
-- and the rebuild write.
ALTER TABLE "TicketDailyStats" ADD COLUMN "slot" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "TicketDailyStats" DROP CONSTRAINT "TicketDailyStats_pkey";
ALTER TABLE "TicketDailyStats" ADD CONSTRAINT "TicketDailyStats_pkey" PRIMARY KEY ("day", "guideId", "endStep", "slot");

ALTER TABLE "TicketOpenStats" ADD COLUMN "slot" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "TicketOpenStats" DROP CONSTRAINT "TicketOpenStats_pkey";
ALTER TABLE "TicketOpenStats" ADD CONSTRAINT "TicketOpenStats_pkey" PRIMARY KEY ("status", "guideId", "endStep", "slot");

CREATE OR REPLACE FUNCTION tebiki_ticket_stats_daily(t "Ticket", delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "TicketDailyStats" AS s ("day", "guideId", "endStep", "slot", "tickets")
  VALUES ((t."createdAt" AT TIME ZONE 'Asia/Tokyo')::date, coalesce(t."guideId", ''), coalesce(t."endStep", ''), 1 + pg_backend_pid() % 31, delta)
  ON CONFLICT ("day", "guideId", "endStep", "slot") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets"
$$;

CREATE OR REPLACE FUNCTION tebiki_ticket_stats_open(t "Ticket", delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "TicketOpenStats" AS s ("status", "guideId", "endStep", "slot", "tickets")
  SELECT t."status", coalesce(t."guideId", ''), coalesce(t."endStep", ''), 1 + pg_backend_pid() % 31, delta
  WHERE t."status" IN ('new', 'open', 'waiting')
  ON CONFLICT ("status", "guideId", "endStep", "slot") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets"
$$;

-- Folds the session slots into slot 0. A slot row a transaction holds right now is skipped (folded
-- next time), and slot 0 is written by nobody else: the fold never waits for a ticket's transaction,
-- so it can neither slow a burst nor deadlock with one. Returns the rows folded away.
CREATE FUNCTION tebiki_fold_ticket_stats() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  daily integer;
  open integer;
BEGIN
  WITH d AS (
    DELETE FROM "TicketDailyStats" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "TicketDailyStats" WHERE "slot" <> 0 FOR UPDATE SKIP LOCKED))
    RETURNING "day", "guideId", "endStep", "tickets"
  ), s AS (
    SELECT "day", "guideId", "endStep", sum("tickets")::int AS "tickets", count(*)::int AS "n" FROM d GROUP BY 1, 2, 3
  ), i AS (
    INSERT INTO "TicketDailyStats" AS x ("day", "guideId", "endStep", "slot", "tickets")
    SELECT "day", "guideId", "endStep", 0, "tickets" FROM s ORDER BY 1, 2, 3
    ON CONFLICT ("day", "guideId", "endStep", "slot") DO UPDATE SET "tickets" = x."tickets" + EXCLUDED."tickets"
  )
  SELECT coalesce(sum("n"), 0) INTO daily FROM s;
  WITH d AS (
    DELETE FROM "TicketOpenStats" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "TicketOpenStats" WHERE "slot" <> 0 FOR UPDATE SKIP LOCKED))
    RETURNING "status", "guideId", "endStep", "tickets"
  ), s AS (
    SELECT "status", "guideId", "endStep", sum("tickets")::int AS "tickets", count(*)::int AS "n" FROM d GROUP BY 1, 2, 3
  ), i AS (
    INSERT INTO "TicketOpenStats" AS x ("status", "guideId", "endStep", "slot", "tickets")
    SELECT "status", "guideId", "endStep", 0, "tickets" FROM s ORDER BY 1, 2, 3
    ON CONFLICT ("status", "guideId", "endStep", "slot") DO UPDATE SET "tickets" = x."tickets" + EXCLUDED."tickets"
  )
  SELECT coalesce(sum("n"), 0) INTO open FROM s;
  RETURN daily + open;
END
$$;
