-- core._iso_timestamptz_casts: can a text of core.is_iso_timestamptz's shape be cast to timestamptz without an error?
-- A guard for set-based code (no exception block, no subtransaction): the fields are within their ranges — year
-- 0001-9999, month 01-12, the day within its month (leap years counted), hour 00-23, minute and second 00-59, the
-- zone Z or within ±15:59 (PostgreSQL's limit) — and the text at most 40 characters. True means the cast succeeds;
-- false means it may fail (2025-02-30, month 13, hour 25, +20:00, year 0000) or is an edge PostgreSQL still
-- accepts (24:00:00, a leap second 23:59:60): callers then ask core.to_timestamptz, which says which.
CREATE OR REPLACE FUNCTION core._iso_timestamptz_casts(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN length(p_value) <= 40
       AND substr(p_value, 1, 4) COLLATE "C" <> '0000'
       AND substr(p_value, 6, 2) COLLATE "C" BETWEEN '01' AND '12'
       AND substr(p_value, 9, 2) COLLATE "C" BETWEEN '01' AND CASE
               WHEN substr(p_value, 6, 2) = '02'
               THEN CASE WHEN substr(p_value, 1, 4)::integer % 4 = 0
                              AND (substr(p_value, 1, 4)::integer % 100 <> 0 OR substr(p_value, 1, 4)::integer % 400 = 0)
                         THEN '29' ELSE '28' END
               WHEN substr(p_value, 6, 2) IN ('04', '06', '09', '11') THEN '30'
               ELSE '31' END
       AND substr(p_value, 12, 2) COLLATE "C" <= '23'
       AND substr(p_value, 15, 2) COLLATE "C" <= '59'
       AND substr(p_value, 18, 2) COLLATE "C" <= '59'
       AND (right(p_value, 1) = 'Z'
            OR (substr(ltrim(substr(p_value, 20), '.0123456789'), 2, 2) COLLATE "C" <= '15'
                AND right(p_value, 2) COLLATE "C" <= '59'));
COMMENT ON FUNCTION core._iso_timestamptz_casts(text) IS 'For a text of core.is_iso_timestamptz''s shape: true when its fields are within range (the day within its month, zone within ±15:59, at most 40 characters), so that the cast to timestamptz cannot fail; false when it may (then ask core.to_timestamptz).';
REVOKE ALL ON FUNCTION core._iso_timestamptz_casts(text) FROM PUBLIC;
