-- gitpoap._lock_counters: GitPOAP changes and backfills wait for pull-request counting in flight and hold new counting back.
-- Every statement that counts PRs writes gitpoap.contribution and so takes ROW EXCLUSIVE on it, and PostgreSQL takes a
-- statement's table locks before its snapshot. SHARE ROW EXCLUSIVE conflicts with ROW EXCLUSIVE and with itself: the
-- caller waits for every transaction that has counted, and counting statements wait until the caller's transaction
-- ends; they then see what it committed. Readers (ACCESS SHARE) never wait. Only the table's owner (these SECURITY
-- DEFINER functions) may take this mode: no other role has UPDATE, DELETE or TRUNCATE on the table.
CREATE OR REPLACE FUNCTION gitpoap._lock_counters() RETURNS void
    LANGUAGE sql VOLATILE SET lock_timeout = '5s'
    AS 'LOCK TABLE gitpoap.contribution IN SHARE ROW EXCLUSIVE MODE';

COMMENT ON FUNCTION gitpoap._lock_counters() IS 'Locks gitpoap.contribution in SHARE ROW EXCLUSIVE mode for the transaction: waits for every transaction that has counted pull requests (they hold ROW EXCLUSIVE on it) and holds back new counting statements until this one ends, so a GitPOAP change or a backfill and PR counting each see the other''s committed rows. Waits at most 5 s (lock_timeout), then fails with lock_not_available.';
REVOKE ALL ON FUNCTION gitpoap._lock_counters() FROM PUBLIC;
