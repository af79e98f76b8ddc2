-- Advisory-lock key of a (project, year) counter set: PR writers take it shared, GitPOAP changes and backfills exclusive.
CREATE OR REPLACE FUNCTION gitpoap._counter_lock_key(p_project_id bigint, p_year integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN hashtextextended('gitpoap.contribution:' || p_project_id::text || ':' || p_year::text, 0);

COMMENT ON FUNCTION gitpoap._counter_lock_key(bigint, integer) IS 'Key of the transaction advisory lock guarding the counters of one project and year: taken shared by PR writers, exclusive by GitPOAP changes and backfills, always in (project_id, year) order.';
REVOKE ALL ON FUNCTION gitpoap._counter_lock_key(bigint, integer) FROM PUBLIC;
