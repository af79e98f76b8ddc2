-- Triggers on human_points.score: lower-case addresses on the way in; award points for each statement's events.

-- Why a BEFORE row trigger here (the project otherwise uses AFTER statement triggers only):
-- mixed-case hex must be accepted and *stored* lower-case, and only the writer or a BEFORE row trigger can
-- change a stored value. A domain cannot help: its CHECK runs when the value is coerced, before any trigger,
-- so it would reject mixed case instead of normalising it; rewriting rows from an AFTER trigger would write
-- every such row twice. The cost is that COPY straight into score stops batching its inserts; the bulk path
-- (`runner points import-scores`: COPY into a staging table, then one INSERT … SELECT that lower-cases)
-- never fires this trigger's function, and its WHEN clause skips rows already in canonical form, so an
-- application sending lower-case addresses pays one regex per row. The named CHECK constraint
-- score_address_is_lowercase_0x_40_hex stays the backstop (e.g. with triggers disabled for a restore).
CREATE OR REPLACE FUNCTION human_points.tg_score__normalise_address()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.address := human_points.normalize_address(NEW.address, 'human_points.score.address');
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION human_points.tg_score__normalise_address() IS
    'BEFORE INSERT/UPDATE row trigger: lower-cases score.address, or raises check_violation naming the value.';
REVOKE ALL ON FUNCTION human_points.tg_score__normalise_address() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _100_normalise_address
    BEFORE INSERT OR UPDATE OF address ON human_points.score
    FOR EACH ROW
    WHEN (NOT core.is_evm_address(NEW.address))
    EXECUTE FUNCTION human_points.tg_score__normalise_address();

-- Awards, set-based over the statement's rows (one INSERT of a thousand events = the same events one by one):
-- 1. passing scores (>= pass_threshold) in program communities qualify (address, community) once
--    (qualified_community's primary key; a concurrent qualifier of the same pair waits, then does nothing);
-- 2. program_stats.passing_scores is bumped by the number of *newly* qualified communities with
--    INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock serialises concurrent statements scoring the
--    same address, each sees the count its predecessors committed, so the count is exactly the number of
--    distinct qualified communities (never count(*) then act: a READ COMMITTED snapshot can miss a
--    concurrent qualification). Keys are taken in address order (no deadlock between two statements);
-- 3. scoring_bonus for counts >= bonus_communities (every address of the statement: a replay after a lowered
--    bonus_communities awards it to addresses already qualified), each valid stamp's binary action, human_keys for a valid
--    stamp with nullifiers: one INSERT, multiplier read once per address (its row, else 1), deduplicated by
--    idx_binary_actions (ON CONFLICT … WHERE kind = 'binary', its predicate, DO NOTHING), so a bonus is awarded once
--    however many statements cross the threshold.
-- With settings.write_enabled false nothing of this runs: the events are stored, no state changes.
CREATE OR REPLACE FUNCTION human_points.tg_score__award_points()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_settings human_points.settings;
BEGIN
    SELECT * INTO v_settings FROM human_points.settings;
    IF NOT coalesce(v_settings.write_enabled, false) THEN
        RETURN NULL;
    END IF;

    WITH program_events AS (
        SELECT n.address, n.community_id, n.score, n.stamps, n.scored_at
        FROM new_rows n
        JOIN human_points.community c ON c.id = n.community_id AND c.human_points_program
    ),
    newly_qualified AS (
        INSERT INTO human_points.qualified_community (address, community_id)
        SELECT DISTINCT e.address, e.community_id
        FROM program_events e
        WHERE e.score >= v_settings.pass_threshold
        ORDER BY e.address, e.community_id
        ON CONFLICT (address, community_id) DO NOTHING
        RETURNING address
    ),
    counted AS (
        INSERT INTO human_points.program_stats AS ps (address, passing_scores)
        SELECT q.address, count(*)
        FROM newly_qualified q
        GROUP BY q.address
        ORDER BY q.address
        ON CONFLICT (address) DO UPDATE SET passing_scores = ps.passing_scores + excluded.passing_scores
        RETURNING ps.address, ps.passing_scores
    ),
    counts AS (  -- every address scored here: its count bumped just now, else as stored (see settings.sql)
        SELECT c.address, c.passing_scores FROM counted c
        UNION ALL
        SELECT ps.address, ps.passing_scores
        FROM human_points.program_stats ps
        WHERE ps.address IN (SELECT e.address FROM program_events e)
          AND ps.address NOT IN (SELECT c.address FROM counted c)
    ),
    stamps AS (
        SELECT e.address, s.stamp
        FROM program_events e
        CROSS JOIN LATERAL jsonb_array_elements(e.stamps) AS s (stamp)
        WHERE human_points._stamp_valid_at(s.stamp, e.scored_at)
    ),
    earned AS (
        SELECT c.address, 'scoring_bonus' AS action
        FROM counts c
        WHERE c.passing_scores >= v_settings.bonus_communities
        UNION
        SELECT s.address, a.key
        FROM stamps s
        JOIN human_points.action a ON a.provider = s.stamp ->> 'provider' AND a.kind = 'binary'
        UNION
        SELECT s.address, 'human_keys'
        FROM stamps s
        WHERE human_points._stamp_has_nullifiers(s.stamp)
    )
    INSERT INTO human_points.points (address, action, kind, points)
    SELECT e.address, e.action, a.kind, a.points * coalesce(m.multiplier, 1)
    FROM earned e
    JOIN human_points.action a ON a.key = e.action
    LEFT JOIN human_points.multiplier m ON m.address = e.address
    ORDER BY e.address, e.action
    ON CONFLICT (address, action) WHERE kind = 'binary' DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points.tg_score__award_points() IS
    'AFTER INSERT statement trigger on score: qualifies communities, counts distinct ones, awards scoring_bonus, stamp actions and human_keys (times the multiplier).';
REVOKE ALL ON FUNCTION human_points.tg_score__award_points() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_award_points
    AFTER INSERT ON human_points.score
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION human_points.tg_score__award_points();
