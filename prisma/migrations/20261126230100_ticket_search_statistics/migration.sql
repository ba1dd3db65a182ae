-- Statistics for the search index's expression (issue 14, docs/decisions/0036-admin-at-a-million.md,
-- round 2). lib/data/ticket-list.ts tells a frequent search word from a rare one by PostgreSQL's
-- estimate of `<the expression of "Ticket_search_trgm_idx"> ILIKE '%word%'`, which comes from that
-- expression's statistics. An index created on a table that already holds tickets
-- (20261126140500_ticket_search) has none until the next ANALYZE, and autovacuum analyzes only after a
-- tenth of the table has changed: until then every word is estimated at 100 tickets, so a word in
-- 100k tickets is listed and counted from its bitmap (1-3 s at 1M tickets instead of ~20 ms).
-- On an empty or small table this takes milliseconds; it takes no lock that blocks reads or writes.
ANALYZE "Ticket";
