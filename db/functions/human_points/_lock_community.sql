-- human_points._lock_community: lock one community's row against score inserts in it, or say it does not exist.
CREATE OR REPLACE FUNCTION human_points._lock_community(p_id integer)
RETURNS human_points.community
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_community human_points.community;
BEGIN
    -- FOR UPDATE conflicts with the KEY SHARE lock that the foreign key check of a score insert takes on its
    -- community: transactions that stored events in it finish first, and new events wait until this one commits
    -- (their award trigger then reads the community as this transaction left it).
    SELECT * INTO v_community FROM human_points.community c WHERE c.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'community_id: no community with id %', coalesce(p_id::text, 'null')
            USING ERRCODE = 'no_data_found', COLUMN = 'community_id',
                  HINT = 'runner points communities add ID NAME creates one; runner points communities list shows them';
    END IF;
    RETURN v_community;
END
$$;
COMMENT ON FUNCTION human_points._lock_community(integer) IS
    'Locks community p_id FOR UPDATE (score inserts in it wait until the caller commits) and returns it; no_data_found naming community_id when there is none.';
REVOKE ALL ON FUNCTION human_points._lock_community(integer) FROM PUBLIC;
