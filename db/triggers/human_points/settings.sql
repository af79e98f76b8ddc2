-- human_points.settings: updated_at kept by the database; a lowered threshold re-evaluates the stored scores.
CREATE OR REPLACE TRIGGER _100_updated_at
    BEFORE UPDATE ON human_points.settings
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _100_updated_at ON human_points.settings IS 'Keeps updated_at when the settings change.';

-- A lowered pass_threshold or bonus_communities applies to what is already stored, at once: the best score of each
-- (address, community) is replayed, without its stamps, through human_points._award_score_events (as live scores), so
-- scores that pass now qualify and addresses whose distinct qualified communities reach bonus_communities get
-- scoring_bonus, once, by the rules and under the locks of live scoring. Every community row is locked first (score
-- inserts wait, those in flight finish), so no event slips between the replay and the new settings. A raised
-- threshold takes nothing back (points are never revoked). The kill switch must be on: while it is off nothing is
-- awarded, and turning it on awards new events only.
CREATE OR REPLACE FUNCTION human_points.tg_settings__reevaluate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_old human_points.settings;
    v_new human_points.settings;
BEGIN
    SELECT * INTO v_old FROM old_rows;
    SELECT * INTO v_new FROM new_rows;
    IF NOT FOUND  -- an UPDATE that changed no row lowers nothing
       OR NOT (v_new.pass_threshold < v_old.pass_threshold OR v_new.bonus_communities < v_old.bonus_communities) THEN
        RETURN NULL;
    END IF;
    IF v_new.write_enabled IS NOT TRUE THEN
        RAISE EXCEPTION 'human_points.settings.%: can be lowered only while writes are enabled (nothing is awarded while they are off)',
                CASE WHEN v_new.pass_threshold < v_old.pass_threshold THEN 'pass_threshold' ELSE 'bonus_communities' END
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  COLUMN = CASE WHEN v_new.pass_threshold < v_old.pass_threshold THEN 'pass_threshold' ELSE 'bonus_communities' END,
                  HINT = 'runner points enable first';
    END IF;
    PERFORM FROM human_points.community c ORDER BY c.id FOR UPDATE;  -- as human_points._lock_community, for all
    PERFORM human_points._award_score_events(ARRAY(
        SELECT DISTINCT ON (s.address, s.community_id) s.id
        FROM human_points.score s
        ORDER BY s.address, s.community_id, s.score DESC, s.id), false);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points.tg_settings__reevaluate() IS
    'AFTER UPDATE statement trigger on settings: a lowered pass_threshold or bonus_communities is applied to the stored scores (each pair''s best score replayed without stamps through human_points._award_score_events); refused while writes are disabled.';
REVOKE ALL ON FUNCTION human_points.tg_settings__reevaluate() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_reevaluate
    AFTER UPDATE ON human_points.settings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION human_points.tg_settings__reevaluate();
COMMENT ON TRIGGER _500_reevaluate ON human_points.settings IS 'Applies a lowered pass_threshold or bonus_communities to the stored scores at once.';
