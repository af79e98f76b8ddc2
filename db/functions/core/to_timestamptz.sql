-- core.is_iso_timestamptz and core.to_timestamptz: the one definition of an ISO 8601 timestamp with a time zone.
-- The shape YYYY-MM-DD(T| )HH:MM:SS[.f](Z|±HH[:MM]|±HHMM), told with string functions (every digit read as 9)
-- rather than a regular expression, five times cheaper: imports judge every record with it.
CREATE OR REPLACE FUNCTION core.is_iso_timestamptz(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(left(p_value, 19), '0123456789', '9999999999') IN ('9999-99-99T99:99:99', '9999-99-99 99:99:99')
       AND coalesce(translate(CASE WHEN substr(p_value, 20, 1) <> '.' THEN substr(p_value, 20)  -- no fraction: the zone
                                   WHEN translate(substr(p_value, 21, 1), '0123456789', '9999999999') = '9'
                                   THEN ltrim(substr(p_value, 21), '0123456789') END,  -- digits, then the zone
                              '0123456789', '9999999999') IN ('Z', '+99', '-99', '+9999', '-9999', '+99:99', '-99:99'),
                    false);
COMMENT ON FUNCTION core.is_iso_timestamptz(text) IS 'True when the text has the shape YYYY-MM-DD(T| )HH:MM:SS[.f](Z|±HH[:MM]|±HHMM); a cheap guard (no exception block) before a cast in set-based code. A calendar-impossible date such as 2023-02-30 passes it; core.to_timestamptz does not.';
REVOKE ALL ON FUNCTION core.is_iso_timestamptz(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.is_iso_timestamptz(text) TO rewards_app;

CREATE OR REPLACE FUNCTION core.to_timestamptz(p_value text, p_field text DEFAULT NULL) RETURNS timestamptz
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF core.is_iso_timestamptz(p_value) THEN
        BEGIN
            RETURN p_value::timestamptz;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format OR invalid_time_zone_displacement_value THEN
            NULL;  -- a shape that names no instant (2023-02-30, month 13, hour 25, year 0000, +20:00): judged below
        END;
    END IF;
    IF p_value IS NULL OR p_field IS NULL THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% must be an ISO 8601 timestamp with a time zone, e.g. 2025-07-15T00:00:00Z (got %)',
        p_field, quote_literal(p_value)
        USING ERRCODE = 'invalid_datetime_format', COLUMN = p_field;
END;
$$;
COMMENT ON FUNCTION core.to_timestamptz(text, text) IS 'p_value as timestamptz when it is an ISO 8601 timestamp with a time zone (see core.is_iso_timestamptz) naming a real instant; otherwise null, or, when p_field is given, invalid_datetime_format naming p_field and the value. Null stays null.';
REVOKE ALL ON FUNCTION core.to_timestamptz(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.to_timestamptz(text, text) TO rewards_app;
