-- human_points.set_write_enabled: the kill switch (false: events are stored, no points are awarded).
CREATE OR REPLACE FUNCTION human_points.set_write_enabled(p_enabled boolean)
RETURNS boolean
LANGUAGE sql
VOLATILE STRICT
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE human_points.settings SET write_enabled = p_enabled RETURNING write_enabled
$$;
COMMENT ON FUNCTION human_points.set_write_enabled(boolean) IS
    'Turns point awards on (true) or off (false); returns the new value. Off: events are still stored and reads work; on again: only new events award.';
REVOKE ALL ON FUNCTION human_points.set_write_enabled(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.set_write_enabled(boolean) TO rewards_admin;
