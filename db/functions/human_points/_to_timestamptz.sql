-- human_points._to_timestamptz: an ISO 8601 timestamp with an explicit zone as timestamptz, else null (never raises).
CREATE OR REPLACE FUNCTION human_points._to_timestamptz(p_value text)
RETURNS timestamptz
LANGUAGE plpgsql
STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_value !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$' THEN
        RETURN NULL;
    END IF;
    RETURN p_value::timestamptz;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points._to_timestamptz(text) IS
    'Parses YYYY-MM-DDTHH:MM:SS[.f](Z|±HH[:MM]); null when the text is not such a timestamp. Used to validate imports.';
REVOKE ALL ON FUNCTION human_points._to_timestamptz(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points._to_timestamptz(text) TO rewards_app;
