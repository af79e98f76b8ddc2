-- human_points._stamp_nullifiers: a stamp's credential.credentialSubject.nullifiers, as Passport reads them.
-- Passport's scorer takes a stamp's nullifiers from that array only (strings; the legacy `hash` is not one) and
-- deduplicates a stamp when any of them is held by another address. Here: '[]' when the stamp has no nullifiers
-- (no array, or an empty one); null when the array holds anything but strings of 1 to 200 characters — such a
-- stamp cannot be deduplicated and earns nothing. One expression without a subquery, so that it is inlined.
CREATE OR REPLACE FUNCTION human_points._stamp_nullifiers(p_stamp jsonb)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN jsonb_typeof(p_stamp #> '{credential,credentialSubject,nullifiers}') IS DISTINCT FROM 'array' THEN '[]'::jsonb
    WHEN jsonb_path_exists(p_stamp #> '{credential,credentialSubject,nullifiers}',
                           'strict $[*] ? (@.type() != "string" || !(@ like_regex "^.{1,200}$" flag "s"))') THEN NULL
    ELSE p_stamp #> '{credential,credentialSubject,nullifiers}'
END;
COMMENT ON FUNCTION human_points._stamp_nullifiers(jsonb) IS
    'The stamp''s credential.credentialSubject.nullifiers (a JSON array of strings): ''[]'' when it has none (no array, an empty one), null when the array holds anything but strings of 1 to 200 characters (the stamp earns nothing). A non-empty array earns human_keys.';
REVOKE ALL ON FUNCTION human_points._stamp_nullifiers(jsonb) FROM PUBLIC;
