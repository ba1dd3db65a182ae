-- Intake at >= 300 tickets/s (issue 14, docs/decisions/0035-intake-throughput.md).

-- The per-IP limit in one round trip (lib/rate-limit.ts hit): the advisory lock per key, then each
-- window's count and the insert, each statement with a snapshot taken after the lock, so that the
-- check and the count stay atomic across instances as they were in the four-statement transaction.
-- Returns NULL when the event was counted, else when the earliest window frees a slot.
CREATE FUNCTION "tebiki_rate_limit_hit"(p_key text, p_limits integer[], p_seconds integer[], p_now timestamptz)
RETURNS timestamptz LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  retry_at timestamptz := NULL;
  frees timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_key, 0));
  FOR i IN 1 .. coalesce(array_length(p_limits, 1), 0) LOOP
    -- The slot frees when the oldest event that still counts (the limit-th newest) leaves the window.
    SELECT e."createdAt" + make_interval(secs => p_seconds[i]) INTO frees
    FROM "RateLimitEvent" e
    WHERE e."key" = p_key AND e."createdAt" > p_now - make_interval(secs => p_seconds[i])
    ORDER BY e."createdAt" DESC
    OFFSET greatest(p_limits[i] - 1, 0) LIMIT 1;
    IF frees IS NOT NULL AND (retry_at IS NULL OR frees > retry_at) THEN
      retry_at := frees;
    END IF;
  END LOOP;
  IF retry_at IS NULL THEN
    INSERT INTO "RateLimitEvent" ("key", "createdAt") VALUES (p_key, p_now);
  END IF;
  RETURN retry_at;
END;
$$;

-- The next number of a reference prefix and year, taken in a statement of its own before the ticket's
-- insert (lib/tickets/create-ticket.ts nextReference): the counter row is locked only while this
-- statement runs and commits, not across the ticket's round trips, so creates no longer queue on it.
-- Its commit does not wait for the WAL flush: the ticket that uses the number commits synchronously
-- later, and flushing that commit flushes this one before it, so a number in a stored reference is
-- never handed out again after a crash. A number whose create then fails is a gap (decision 0035).
CREATE FUNCTION "tebiki_next_ticket_number"(p_prefix text, p_year integer)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES (p_prefix, p_year, 1)
  ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + 1
  RETURNING "last" INTO n;
  RETURN n;
END;
$$;
