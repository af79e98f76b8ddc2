-- human_points.populate_multipliers: the seed's one-time historical script, as two overloads (addresses, or returning users).
CREATE OR REPLACE FUNCTION human_points.populate_multipliers(p_addresses text[])
RETURNS integer
LANGUAGE sql
VOLATILE STRICT
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    -- A malformed address raises (naming its 1-based position and value) and the statement adds nothing.
    WITH added AS (
        INSERT INTO human_points.multiplier (address, multiplier)
        SELECT DISTINCT human_points.normalize_address(a.address, format('populate_multipliers.addresses[%s]', a.n)), 2
        FROM unnest(p_addresses) WITH ORDINALITY AS a (address, n)
        ORDER BY 1
        ON CONFLICT (address) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM added
$$;
COMMENT ON FUNCTION human_points.populate_multipliers(text[]) IS
    'Gives multiplier 2 to each listed address (any case) without a multiplier row; existing rows are untouched. Returns how many rows were added.';
REVOKE ALL ON FUNCTION human_points.populate_multipliers(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.populate_multipliers(text[]) TO rewards_admin;

CREATE OR REPLACE FUNCTION human_points.populate_multipliers(p_returning_before timestamptz)
RETURNS integer
LANGUAGE plpgsql
VOLATILE STRICT
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_added integer;
BEGIN
    -- 'infinity' would silently mean "every address that ever passed".
    IF NOT isfinite(p_returning_before) THEN
        RAISE EXCEPTION 'populate_multipliers.returning_before must be a finite timestamp (got %)', p_returning_before
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- "Returning users": a passing score (>= settings.pass_threshold, in any community) scored before the cut-off.
    WITH added AS (
        INSERT INTO human_points.multiplier (address, multiplier)
        SELECT DISTINCT s.address, 2
        FROM human_points.score s
        CROSS JOIN human_points.settings t
        WHERE s.scored_at < p_returning_before
          AND s.score >= t.pass_threshold
        ORDER BY 1
        ON CONFLICT (address) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer INTO v_added FROM added;
    RETURN v_added;
END
$$;
COMMENT ON FUNCTION human_points.populate_multipliers(timestamptz) IS
    'Gives multiplier 2 to every address with a passing score (any community) scored before p_returning_before and no multiplier row yet (p_returning_before must be finite). Returns how many rows were added.';
REVOKE ALL ON FUNCTION human_points.populate_multipliers(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.populate_multipliers(timestamptz) TO rewards_admin;
