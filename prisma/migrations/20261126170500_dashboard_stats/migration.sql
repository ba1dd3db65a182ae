-- Dashboard pre-aggregation (docs/decisions/0032-dashboard-pre-aggregation-and-charts.md).
-- Three small tables kept by a trigger on "Ticket", so that the dashboard reads hundreds of rows
-- instead of tens of thousands of tickets at a million. The trigger sees every change, whichever
-- code path (use case, merge, raw SQL in tests and scripts) makes it.

-- Tickets per Japan day of creation, guide and end step ('' = none). Neither status nor priority:
-- the dashboard reads neither per day, and without them a status change never touches this table.
CREATE TABLE "TicketDailyStats" (
    "day" DATE NOT NULL,
    "guideId" TEXT NOT NULL,
    "endStep" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketDailyStats_pkey" PRIMARY KEY ("day","guideId","endStep")
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

-- Exact to the minute below an hour; beyond, bands 5 % wide (their lower bound, to the minute).
-- A median of quick replies stays exact and one of hours or days is at most 5 % low, while a day
-- holds at most ~170 buckets per kind however many tickets it has (about 60 + log(max/1 h)/log 1.05).
CREATE FUNCTION tebiki_duration_bucket(seconds double precision) RETURNS integer
IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE
    WHEN s < 3600 THEN floor(s / 60)::int * 60
    ELSE (60 * round(60 * power(1.05, floor(ln(s / 3600) / ln(1.05)))))::int
  END
  FROM (SELECT least(greatest(seconds, 0), 2e9) AS s) x
$$;

-- One ticket's share of each table: delta 1 adds it, -1 takes it away.
CREATE FUNCTION tebiki_ticket_stats_daily(t "Ticket", delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "TicketDailyStats" AS s ("day", "guideId", "endStep", "tickets")
  VALUES ((t."createdAt" AT TIME ZONE 'Asia/Tokyo')::date, coalesce(t."guideId", ''), coalesce(t."endStep", ''), delta)
  ON CONFLICT ("day", "guideId", "endStep") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets"
$$;

CREATE FUNCTION tebiki_ticket_stats_open(t "Ticket", delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "TicketOpenStats" AS s ("status", "guideId", "endStep", "tickets")
  SELECT t."status", coalesce(t."guideId", ''), coalesce(t."endStep", ''), delta
  WHERE t."status" IN ('new', 'open', 'waiting')
  ON CONFLICT ("status", "guideId", "endStep") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets"
$$;

CREATE FUNCTION tebiki_ticket_stats_durations(t "Ticket", delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "TicketDurationStats" AS s ("day", "kind", "bucket", "tickets")
  SELECT (t."createdAt" AT TIME ZONE 'Asia/Tokyo')::date, k, tebiki_duration_bucket(extract(epoch FROM done - t."createdAt")::float8), delta
  FROM (VALUES ('first_response', t."firstResponseAt"), ('resolution', t."resolvedAt")) AS v(k, done)
  WHERE done IS NOT NULL
  ON CONFLICT ("day", "kind", "bucket") DO UPDATE SET "tickets" = s."tickets" + EXCLUDED."tickets"
$$;

-- An update moves the ticket's share only in the tables whose key it changed, so that (say) a
-- status change does not lock the day's row that every new ticket of the day also updates.
CREATE FUNCTION tebiki_ticket_stats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM tebiki_ticket_stats_daily(NEW, 1);
    PERFORM tebiki_ticket_stats_open(NEW, 1);
    PERFORM tebiki_ticket_stats_durations(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM tebiki_ticket_stats_daily(OLD, -1);
    PERFORM tebiki_ticket_stats_open(OLD, -1);
    PERFORM tebiki_ticket_stats_durations(OLD, -1);
  ELSE
    IF (OLD."createdAt", OLD."guideId", OLD."endStep") IS DISTINCT FROM (NEW."createdAt", NEW."guideId", NEW."endStep") THEN
      PERFORM tebiki_ticket_stats_daily(OLD, -1);
      PERFORM tebiki_ticket_stats_daily(NEW, 1);
    END IF;
    IF (OLD."status", OLD."guideId", OLD."endStep") IS DISTINCT FROM (NEW."status", NEW."guideId", NEW."endStep") THEN
      PERFORM tebiki_ticket_stats_open(OLD, -1);
      PERFORM tebiki_ticket_stats_open(NEW, 1);
    END IF;
    IF (OLD."createdAt", OLD."firstResponseAt", OLD."resolvedAt") IS DISTINCT FROM (NEW."createdAt", NEW."firstResponseAt", NEW."resolvedAt") THEN
      PERFORM tebiki_ticket_stats_durations(OLD, -1);
      PERFORM tebiki_ticket_stats_durations(NEW, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_stats_insert_delete" AFTER INSERT OR DELETE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION tebiki_ticket_stats();

-- Most updates (a message's search text, lastActivityAt, version, assignee) change nothing counted.
CREATE TRIGGER "Ticket_stats_update" AFTER UPDATE OF "status", "guideId", "endStep", "createdAt", "firstResponseAt", "resolvedAt" ON "Ticket"
  FOR EACH ROW
  WHEN ((OLD."status", OLD."guideId", OLD."endStep", OLD."createdAt", OLD."firstResponseAt", OLD."resolvedAt")
        IS DISTINCT FROM (NEW."status", NEW."guideId", NEW."endStep", NEW."createdAt", NEW."firstResponseAt", NEW."resolvedAt"))
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
  INSERT INTO "TicketDailyStats" ("day", "guideId", "endStep", "tickets")
  SELECT ("createdAt" AT TIME ZONE 'Asia/Tokyo')::date, coalesce("guideId", ''), coalesce("endStep", ''), count(*)
  FROM "Ticket" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
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
  ) x GROUP BY 1, 2, 3
  -- In key order, so that a month's rows sit on a few pages, as the trigger's day-by-day inserts
  -- mostly leave them.
  ORDER BY 1, 2, 3;
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
