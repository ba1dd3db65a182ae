-- Dashboard pre-aggregation (docs/decisions/0032-dashboard-pre-aggregation-and-charts.md).
-- Three small tables kept by a trigger on "Ticket", so that the dashboard reads hundreds of rows
-- instead of tens of thousands of tickets at a million. The trigger sees every change, whichever
-- code path (use case, merge, raw SQL in tests and scripts) makes it.

-- Tickets per Japan day of creation and per guide, end step, priority and status ('' = none).
CREATE TABLE "TicketDailyStats" (
    "day" DATE NOT NULL,
    "guideId" TEXT NOT NULL,
    "endStep" TEXT NOT NULL,
    "priority" "TicketPriority" NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketDailyStats_pkey" PRIMARY KEY ("day","guideId","endStep","priority","status")
);

-- Open tickets (new, open, waiting) per status, guide and end step, whatever their age.
CREATE TABLE "TicketOpenStats" (
    "status" "TicketStatus" NOT NULL,
    "guideId" TEXT NOT NULL,
    "endStep" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketOpenStats_pkey" PRIMARY KEY ("status","guideId","endStep")
);

-- A histogram of the seconds from creation to first response and to resolution per Japan day of
-- creation; "bucket" is the bucket's lower bound (tebiki_duration_bucket).
CREATE TABLE "TicketDurationStats" (
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketDurationStats_pkey" PRIMARY KEY ("day","kind","bucket")
);

-- Exact to the minute below 2 hours, to 10 minutes below 2 days, to the hour beyond: a median of
-- replies within minutes stays exact, one of days is off by less than an hour, and a day holds at
-- most a few hundred buckets however many tickets it has. lib/data/dashboard-stats.ts mirrors it.
CREATE FUNCTION tebiki_duration_bucket(seconds double precision) RETURNS integer
IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE
    WHEN s < 7200 THEN floor(s / 60)::int * 60
    WHEN s < 172800 THEN floor(s / 600)::int * 600
    ELSE least(floor(s / 3600), 596523)::int * 3600
  END
  FROM (SELECT greatest(seconds, 0) AS s) x
$$;

-- Adds (delta 1) or takes away (delta -1) one ticket's share of the three tables.
CREATE FUNCTION tebiki_ticket_stats_apply(t "Ticket", delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  d date := (t."createdAt" AT TIME ZONE 'Asia/Tokyo')::date;
BEGIN
  INSERT INTO "TicketDailyStats" AS s ("day", "guideId", "endStep", "priority", "status", "tickets")
  VALUES (d, coalesce(t."guideId", ''), coalesce(t."endStep", ''), t."priority", t."status", delta)
  ON CONFLICT ("day", "guideId", "endStep", "priority", "status") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets";
  IF t."status" IN ('new', 'open', 'waiting') THEN
    INSERT INTO "TicketOpenStats" AS s ("status", "guideId", "endStep", "tickets")
    VALUES (t."status", coalesce(t."guideId", ''), coalesce(t."endStep", ''), delta)
    ON CONFLICT ("status", "guideId", "endStep") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets";
  END IF;
  IF t."firstResponseAt" IS NOT NULL THEN
    INSERT INTO "TicketDurationStats" AS s ("day", "kind", "bucket", "tickets")
    VALUES (d, 'first_response', tebiki_duration_bucket(extract(epoch FROM t."firstResponseAt" - t."createdAt")::float8), delta)
    ON CONFLICT ("day", "kind", "bucket") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets";
  END IF;
  IF t."resolvedAt" IS NOT NULL THEN
    INSERT INTO "TicketDurationStats" AS s ("day", "kind", "bucket", "tickets")
    VALUES (d, 'resolution', tebiki_duration_bucket(extract(epoch FROM t."resolvedAt" - t."createdAt")::float8), delta)
    ON CONFLICT ("day", "kind", "bucket") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets";
  END IF;
END
$$;

CREATE FUNCTION tebiki_ticket_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM tebiki_ticket_stats_apply(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM tebiki_ticket_stats_apply(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_stats_insert_delete" AFTER INSERT OR DELETE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION tebiki_ticket_stats();

-- Most updates (a message's search text, lastActivityAt, version, assignee) change nothing counted.
CREATE TRIGGER "Ticket_stats_update" AFTER UPDATE OF "status", "priority", "guideId", "endStep", "createdAt", "firstResponseAt", "resolvedAt" ON "Ticket"
  FOR EACH ROW
  WHEN ((OLD."status", OLD."priority", OLD."guideId", OLD."endStep", OLD."createdAt", OLD."firstResponseAt", OLD."resolvedAt")
        IS DISTINCT FROM (NEW."status", NEW."priority", NEW."guideId", NEW."endStep", NEW."createdAt", NEW."firstResponseAt", NEW."resolvedAt"))
  EXECUTE FUNCTION tebiki_ticket_stats();

-- Rebuilds the three tables from "Ticket": for this migration and for loads that bypass the
-- trigger (the benchmark's fill runs with session_replication_role = replica).
CREATE FUNCTION tebiki_rebuild_ticket_stats() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Ticket" IN SHARE MODE;
  DELETE FROM "TicketDailyStats";
  DELETE FROM "TicketOpenStats";
  DELETE FROM "TicketDurationStats";
  INSERT INTO "TicketDailyStats" ("day", "guideId", "endStep", "priority", "status", "tickets")
  SELECT ("createdAt" AT TIME ZONE 'Asia/Tokyo')::date, coalesce("guideId", ''), coalesce("endStep", ''), "priority", "status", count(*)
  FROM "Ticket" GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "TicketOpenStats" ("status", "guideId", "endStep", "tickets")
  SELECT "status", coalesce("guideId", ''), coalesce("endStep", ''), count(*)
  FROM "Ticket" WHERE "status" IN ('new', 'open', 'waiting') GROUP BY 1, 2, 3;
  INSERT INTO "TicketDurationStats" ("day", "kind", "bucket", "tickets")
  SELECT d, k, b, count(*) FROM (
    SELECT ("createdAt" AT TIME ZONE 'Asia/Tokyo')::date AS d, 'first_response' AS k,
      tebiki_duration_bucket(extract(epoch FROM "firstResponseAt" - "createdAt")::float8) AS b
    FROM "Ticket" WHERE "firstResponseAt" IS NOT NULL
    UNION ALL
    SELECT ("createdAt" AT TIME ZONE 'Asia/Tokyo')::date, 'resolution',
      tebiki_duration_bucket(extract(epoch FROM "resolvedAt" - "createdAt")::float8)
    FROM "Ticket" WHERE "resolvedAt" IS NOT NULL
  ) x GROUP BY 1, 2, 3;
END
$$;

CREATE FUNCTION tebiki_ticket_stats_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "TicketDailyStats";
  DELETE FROM "TicketOpenStats";
  DELETE FROM "TicketDurationStats";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_stats_truncate" AFTER TRUNCATE ON "Ticket"
  FOR EACH STATEMENT EXECUTE FUNCTION tebiki_ticket_stats_truncate();

SELECT tebiki_rebuild_ticket_stats();
