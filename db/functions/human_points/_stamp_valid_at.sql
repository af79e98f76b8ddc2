-- human_points._stamp_valid_at: is a Passport stamp's credential still unexpired at a given time?
CREATE OR REPLACE FUNCTION human_points._stamp_valid_at(p_stamp jsonb, p_at timestamptz)
RETURNS boolean
LANGUAGE sql
STABLE PARALLEL SAFE
AS $$
    -- Validity is judged at the score's time, never the wall clock. An expirationDate that is not an ISO 8601
    -- timestamp with a zone makes the stamp invalid; the guard keeps the cast away from free text (one
    -- regex per stamp, no exception block, so a million-row COPY stays set-based and cheap).
    SELECT CASE
        WHEN core.is_iso_timestamptz(p_stamp -> 'credential' ->> 'expirationDate')
        THEN (p_stamp -> 'credential' ->> 'expirationDate')::timestamptz > p_at
        ELSE false
    END
$$;
COMMENT ON FUNCTION human_points._stamp_valid_at(jsonb, timestamptz) IS
    'True when the stamp''s credential.expirationDate is later than p_at (the score''s scored_at).';
REVOKE ALL ON FUNCTION human_points._stamp_valid_at(jsonb, timestamptz) FROM PUBLIC;
