-- gitpoap._lock_counters: GitPOAP changes and backfills wait for pull-request counting in flight and hold new counting back.
CREATE OR REPLACE FUNCTION gitpoap._lock_counters() RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_session_timeout text := current_setting('lock_timeout');
    v_timeout text := CASE v_session_timeout WHEN '0' THEN '5s' ELSE v_session_timeout END;
BEGIN
    -- Every statement that counts PRs writes gitpoap.contribution and so takes ROW EXCLUSIVE on it, and PostgreSQL
    -- takes a statement's table locks before its snapshot. SHARE ROW EXCLUSIVE conflicts with ROW EXCLUSIVE and
    -- with itself: this waits for every transaction that has counted and makes counting statements wait until this
    -- transaction ends; they then see what it committed. Readers (ACCESS SHARE) never wait. Only the table's owner
    -- (these SECURITY DEFINER functions) may take it: no other role has UPDATE, DELETE or TRUNCATE on the table.
    PERFORM set_config('lock_timeout', v_timeout, true);
    BEGIN
        LOCK TABLE gitpoap.contribution IN SHARE ROW EXCLUSIVE MODE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'gitpoap.contribution: pull-request writers in flight did not finish within lock_timeout %: retry when they have, or raise lock_timeout',
            v_timeout USING ERRCODE = 'lock_not_available';
    END;
    PERFORM set_config('lock_timeout', v_session_timeout, true);
END;
$$;

COMMENT ON FUNCTION gitpoap._lock_counters() IS 'Locks gitpoap.contribution in SHARE ROW EXCLUSIVE mode for the transaction: waits for every transaction that has counted pull requests (they hold ROW EXCLUSIVE on it) and holds back new counting statements until this one ends, so a GitPOAP change or a backfill and PR counting each see the other''s committed rows. Waits at most lock_timeout (5 s when the session sets none), then raises lock_not_available naming the table.';
REVOKE ALL ON FUNCTION gitpoap._lock_counters() FROM PUBLIC;
