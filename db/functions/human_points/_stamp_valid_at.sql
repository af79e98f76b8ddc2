-- human_points._stamp_valid_at: is a Passport stamp's credential still unexpired at a given time?
CREATE OR REPLACE FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamptz)
RETURNS boolean
LANGUAGE sql
STABLE PARALLEL SAFE
AS $$
    -- p_expires is the stamp's credential.expirationDate (text), extracted once by the caller: this function is
    -- inlined, and each mention of its argument would repeat the extraction. Validity is judged at the score's
    -- time, never the wall clock. An expirationDate that is not an ISO 8601 timestamp with a zone naming a real
    -- instant makes the stamp invalid, never the INSERT fail: the shape guard keeps the cast away from free text,
    -- and core._iso_timestamptz_casts from fields out of range (2025-02-30, month 13, hour 25, +20:00, year 0000) —
    -- both string functions, no exception block, so a million-row COPY stays set-based and cheap. Only what the
    -- second guard cannot vouch for goes to core.to_timestamptz (an exception block per call), which says whether
    -- PostgreSQL reads it as an instant (24:00:00 yes, 02-30 no).
    SELECT CASE
        WHEN NOT core.is_iso_timestamptz(p_expires) THEN false
        WHEN core._iso_timestamptz_casts(p_expires) THEN p_expires::timestamptz > p_at
        ELSE coalesce(core.to_timestamptz(p_expires) > p_at, false)
    END
$$;
COMMENT ON FUNCTION human_points._stamp_valid_at(text, timestamptz) IS
    'True when p_expires (a stamp''s credential.expirationDate) is an ISO 8601 timestamp with a zone naming an instant later than p_at (the score''s scored_at); false otherwise, never an error.';
REVOKE ALL ON FUNCTION human_points._stamp_valid_at(text, timestamptz) FROM PUBLIC;
