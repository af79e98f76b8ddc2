-- human_points._stamp_has_nullifiers: does a stamp carry a non-empty credential.credentialSubject.nullifiers array?
CREATE OR REPLACE FUNCTION human_points._stamp_has_nullifiers(p_stamp jsonb)
RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_typeof(p_stamp -> 'credential' -> 'credentialSubject' -> 'nullifiers') = 'array'
                    AND jsonb_array_length(p_stamp -> 'credential' -> 'credentialSubject' -> 'nullifiers') > 0,
                    false)
$$;
COMMENT ON FUNCTION human_points._stamp_has_nullifiers(jsonb) IS
    'True when the stamp is a Human Network credential (non-empty credentialSubject.nullifiers): it earns human_keys.';
REVOKE ALL ON FUNCTION human_points._stamp_has_nullifiers(jsonb) FROM PUBLIC;
