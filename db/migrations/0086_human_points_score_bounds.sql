-- depends: 0082_human_points_stamp_valid_at_text
-- human_points: the bounds of a score event's stamps (at most 1000 stamps, 1 MiB of JSON, providers of at most 200
-- characters), written once in human_points._stamps_problem: a CHECK on score for application INSERTs, and the
-- import's validation (human_points._score_event_problem) names the event and the field.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- A CHECK constraint calls it, so it lives here (migrations run before the repeatable function files).
CREATE FUNCTION human_points._stamps_problem(p_stamps jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    -- '<where under stamps> <rule> (got …)': ' must hold …' for the array, '[<index>].provider must …' for a stamp.
    SELECT CASE
        WHEN jsonb_typeof(p_stamps) IS DISTINCT FROM 'array' THEN NULL  -- score_stamps_is_an_array's rule
        WHEN jsonb_array_length(p_stamps) > 1000
            THEN format(' must hold at most 1000 stamps (got %s)', jsonb_array_length(p_stamps))
        WHEN octet_length(p_stamps::text) > 1048576
            THEN format(' must be at most 1048576 bytes of JSON (got %s)', octet_length(p_stamps::text))
        ELSE (SELECT format('[%s].provider must be at most 200 characters (got %s characters)', s.n - 1, length(s.stamp ->> 'provider'))
              FROM jsonb_array_elements(p_stamps) WITH ORDINALITY AS s (stamp, n)
              WHERE jsonb_typeof(s.stamp -> 'provider') = 'string' AND length(s.stamp ->> 'provider') > 200
              ORDER BY s.n
              LIMIT 1)
    END
$$;
COMMENT ON FUNCTION human_points._stamps_problem(jsonb) IS
    'The bounds of a score''s stamps array (at most 1000 stamps, at most 1048576 bytes of JSON, each string provider at most 200 characters): null when within them, else the problem after the word stamps, e.g. "[3].provider must be at most 200 characters (got 5000 characters)".';
REVOKE ALL ON FUNCTION human_points._stamps_problem(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points._stamps_problem(jsonb) TO rewards_app;  -- the CHECK runs with the writer's rights

-- NOT VALID: enforced for every new row at once; existing rows are checked by 0087_human_points_validate_score_bounds.
ALTER TABLE human_points.score
    ADD CONSTRAINT score_stamps_within_bounds CHECK (human_points._stamps_problem(stamps) IS NULL) NOT VALID;
COMMENT ON CONSTRAINT score_stamps_within_bounds ON human_points.score IS
    'must hold at most 1000 stamps and at most 1048576 bytes of JSON, each provider at most 200 characters';
RESET ROLE;
