-- tiers._lock_tiers: tier writers wait for wallet writers in flight and hold new wallet writes back until they commit.
CREATE OR REPLACE FUNCTION tiers._lock_tiers() RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_session_timeout text := current_setting('lock_timeout');
    v_timeout text := CASE v_session_timeout WHEN '0' THEN '5s' ELSE v_session_timeout END;
BEGIN
    -- A statement writing tiers.wallet (INSERT, UPDATE, upsert, COPY) takes ROW EXCLUSIVE on it before its
    -- snapshot, and its AFTER trigger reads the tiers with a later one. SHARE ROW EXCLUSIVE conflicts with ROW
    -- EXCLUSIVE and with itself: a tier change waits for every wallet writer in flight (then re-evaluates their
    -- committed balances), wallet writers arriving meanwhile wait until it ends (then see its tiers), and tier
    -- changes run one at a time. Readers never wait. Only the table's owner may take it: applications hold
    -- column-level INSERT and UPDATE on wallet, which do not allow this mode.
    PERFORM set_config('lock_timeout', v_timeout, true);
    BEGIN
        LOCK TABLE tiers.wallet IN SHARE ROW EXCLUSIVE MODE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'tiers.wallet: wallet writers in flight did not finish within lock_timeout %: retry when they have, or raise lock_timeout',
            v_timeout USING ERRCODE = 'lock_not_available';
    END;
    PERFORM set_config('lock_timeout', v_session_timeout, true);
END;
$$;
COMMENT ON FUNCTION tiers._lock_tiers() IS 'Locks tiers.wallet in SHARE ROW EXCLUSIVE mode for the transaction, before a tier change: waits for wallet writers in flight and holds new ones back until the change commits, so a balance change and a tier change never judge each other''s uncommitted state and every wallet''s tier ends correct under READ COMMITTED; tier changes run one at a time. Waits at most lock_timeout (5 s when the session sets none), then raises lock_not_available naming the table.';
REVOKE ALL ON FUNCTION tiers._lock_tiers() FROM PUBLIC;
