-- human_points._score_event_problem: the first thing wrong with one imported score event (JSON), or null.
CREATE OR REPLACE FUNCTION human_points._score_event_problem(p_event jsonb)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_value jsonb;
    v_stamp jsonb;
    v_n integer := 0;
BEGIN
    -- Returns '<field> <rule> (got <json>)'; the caller prefixes the event's index.
    IF jsonb_typeof(p_event) IS DISTINCT FROM 'object' THEN
        RETURN format('must be a JSON object (got %s)', coalesce(p_event::text, 'null'));
    END IF;

    v_value := p_event -> 'address';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'string' OR NOT core.is_evm_address(lower(v_value #>> '{}')) THEN
        RETURN format('.address must be 0x followed by 40 hex digits (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;

    v_value := p_event -> 'community_id';
    -- Written as an integer: 1.0 is refused here rather than by the insert's cast (which would name no event).
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'number' OR v_value::text !~ '^-?[0-9]{1,10}$'
       OR v_value::numeric NOT BETWEEN -2147483648 AND 2147483647 THEN
        RETURN format('.community_id must be an integer (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;
    IF NOT EXISTS (SELECT FROM human_points.community c WHERE c.id = v_value::integer) THEN
        RETURN format('.community_id must be a human_points.community id (got %s)', v_value::text);
    END IF;

    v_value := p_event -> 'score';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'number' OR v_value::numeric < 0 THEN
        RETURN format('.score must be a number >= 0 (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;

    v_value := p_event -> 'scored_at';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'string' OR core.to_timestamptz(v_value #>> '{}') IS NULL THEN
        RETURN format('.scored_at must be an ISO 8601 timestamp with a time zone (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;

    v_value := p_event -> 'stamps';
    IF v_value IS NULL OR v_value = 'null'::jsonb THEN
        RETURN NULL;  -- no stamps: an empty list
    END IF;
    IF jsonb_typeof(v_value) <> 'array' THEN
        RETURN format('.stamps must be an array (got %s)', v_value::text);
    END IF;
    IF human_points._stamps_problem(v_value) IS NOT NULL THEN  -- the bounds score_stamps_within_bounds enforces
        RETURN '.stamps' || human_points._stamps_problem(v_value);
    END IF;
    FOR v_stamp IN SELECT jsonb_array_elements(v_value) LOOP
        IF jsonb_typeof(v_stamp) <> 'object' THEN
            RETURN format('.stamps[%s] must be an object (got %s)', v_n, v_stamp::text);
        ELSIF jsonb_typeof(v_stamp -> 'provider') IS DISTINCT FROM 'string' THEN
            RETURN format('.stamps[%s].provider must be a string (got %s)', v_n, coalesce((v_stamp -> 'provider')::text, 'nothing'));
        ELSIF jsonb_typeof(v_stamp -> 'credential') IS DISTINCT FROM 'object' THEN
            RETURN format('.stamps[%s].credential must be an object (got %s)', v_n, coalesce((v_stamp -> 'credential')::text, 'nothing'));
        ELSIF jsonb_typeof(v_stamp -> 'credential' -> 'expirationDate') IS DISTINCT FROM 'string'
              OR core.to_timestamptz(v_stamp -> 'credential' ->> 'expirationDate') IS NULL THEN
            RETURN format('.stamps[%s].credential.expirationDate must be an ISO 8601 timestamp with a time zone (got %s)',
                          v_n, coalesce((v_stamp -> 'credential' -> 'expirationDate')::text, 'nothing'));
        ELSIF (v_stamp #> '{credential,credentialSubject,nullifiers}') IS NOT NULL
              AND jsonb_typeof(v_stamp #> '{credential,credentialSubject,nullifiers}') NOT IN ('array', 'null') THEN
            RETURN format('.stamps[%s].credential.credentialSubject.nullifiers must be an array (got %s)',
                          v_n, (v_stamp #> '{credential,credentialSubject,nullifiers}')::text);
        END IF;
        v_n := v_n + 1;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points._score_event_problem(jsonb) IS
    'Validates one score event of an import file: returns ''<field> <rule> (got <value>)'' for the first problem, null when the event is well-formed.';
REVOKE ALL ON FUNCTION human_points._score_event_problem(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points._score_event_problem(jsonb) TO rewards_app;
