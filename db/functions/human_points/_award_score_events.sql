-- human_points._award_score_events: the one place score events earn — qualifications, passing_scores, scoring_bonus,
-- stamp actions and human_keys for a set of stored score events (the score trigger's statement, or a batch).
--
-- Set-based over the events (one INSERT of a thousand events = the same events one by one):
-- 1. passing scores (>= pass_threshold) in program communities qualify (address, community) once
--    (qualified_community's primary key; a concurrent qualifier of the same pair waits, then does nothing);
-- 2. program_stats.passing_scores is bumped by the number of *newly* qualified communities with
--    INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock serialises concurrent statements scoring the
--    same address, each sees the count its predecessors committed, so the count is exactly the number of
--    distinct qualified communities (never count(*) then act: a READ COMMITTED snapshot can miss a
--    concurrent qualification). Keys are taken in address order (no deadlock between two statements);
-- 3. nullifiers (human_points._stamp_nullifiers): each (action, nullifier) a valid stamp would earn is held by the
--    first address presenting it — the lowest event id in a statement; across statements the primary key of
--    stamp_nullifier (a concurrent presenter waits for the first, then does nothing). A stamp earns an action only
--    when the presenting address holds every one of its nullifiers for it: claimed by this statement (RETURNING) or
--    visible as its own; anything else is held by another address, committed before or during this statement.
--    A stamp without nullifiers is not deduplicated across addresses (Passport's own dedup needs them too);
-- 4. scoring_bonus for counts >= bonus_communities (every address of the events, its count new or as stored, so a
--    replay after a lowered bonus_communities awards it), each valid stamp's binary action, human_keys for a valid
--    stamp with nullifiers: one INSERT, multiplier read once per address (its row, else 1), deduplicated by
--    idx_binary_actions (ON CONFLICT … WHERE kind = 'binary', its predicate, DO NOTHING), so a bonus is awarded once
--    however many statements cross the threshold.
-- The caller decides whether awarding is on (the trigger checks settings.write_enabled); p_ids in any order;
-- p_stamps false: the events' scores only (their stamps are not looked at).
-- plan_cache_mode = force_generic_plan: with a custom plan (the default here, as unnest(p_ids) makes one look
-- cheaper) every call would plan this statement again, which cost the one-event statement a third of its speed.
-- jit = off: the generic plan's estimate (ten ids, a hundred stamps each) grows with stamp_nullifier and passes
-- jit_above_cost (100,000 by default) at ~100,000 nullifiers; from then on every one-event statement JIT-compiled
-- 157 expressions, 90-160 ms each time (bench/README.md fix 16).
CREATE OR REPLACE FUNCTION human_points._award_score_events(p_ids bigint[], p_stamps boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $$
DECLARE
    v_settings human_points.settings;
BEGIN
    -- Events outside the program earn nothing: return before the statement below, whose executor start alone (four
    -- tables written, ~100 nodes) costs about as much as the work of an event that earns (bench/README.md fix 16).
    -- One statement reads the settings and answers that (no settings row: all null, as a lone SELECT would read).
    SELECT s.* INTO v_settings
    FROM (VALUES (true)) AS one (x)
    LEFT JOIN human_points.settings s ON true
    WHERE EXISTS (SELECT FROM unnest(p_ids) AS i (id)
                  JOIN human_points.score n ON n.id = i.id
                  JOIN human_points.community c ON c.id = n.community_id AND c.human_points_program);
    IF NOT FOUND THEN
        RETURN;
    END IF;

    WITH program_events AS (
        SELECT n.id, n.address, n.community_id, n.score, n.stamps, n.scored_at
        FROM unnest(p_ids) AS i (id)
        JOIN human_points.score n ON n.id = i.id
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
    counts AS (  -- every address of the events: its count bumped just now, else as stored (a lowered bonus_communities)
        SELECT c.address, c.passing_scores FROM counted c
        UNION ALL
        SELECT ps.address, ps.passing_scores
        FROM human_points.program_stats ps
        WHERE ps.address IN (SELECT e.address FROM program_events e)
          AND ps.address NOT IN (SELECT c.address FROM counted c)
    ),
    stamps AS (  -- valid stamps whose nullifiers are well-formed ('[]' when they have none)
        SELECT e.id, x.ord, e.address, x.provider, human_points._stamp_nullifiers(x.stamp) AS nullifiers
        FROM program_events e
        CROSS JOIN LATERAL (  -- OFFSET 0: each field read once per stamp, not once per mention in the inlined rules
            SELECT s.ord, s.stamp, s.stamp ->> 'provider' AS provider, s.stamp -> 'credential' ->> 'expirationDate' AS expires
            FROM jsonb_array_elements(e.stamps) WITH ORDINALITY AS s (stamp, ord)
            OFFSET 0
        ) x
        WHERE p_stamps AND human_points._stamp_valid_at(x.expires, e.scored_at)
    ),
    stamp_actions AS (  -- what each of them would earn: its provider's action, human_keys when it has nullifiers
        SELECT s.id, s.ord, s.address, a.key AS action, s.nullifiers
        FROM stamps s
        JOIN human_points.action a ON a.provider = s.provider AND a.kind = 'binary'
        WHERE s.nullifiers IS NOT NULL
        UNION ALL
        SELECT s.id, s.ord, s.address, 'human_keys', s.nullifiers
        FROM stamps s
        WHERE jsonb_array_length(s.nullifiers) > 0
    ),
    presented AS (
        SELECT sa.id, sa.ord, sa.address, sa.action, n.nullifier
        FROM stamp_actions sa
        CROSS JOIN LATERAL jsonb_array_elements_text(sa.nullifiers) AS n (nullifier)
    ),
    claimed AS (  -- each (action, nullifier) to the first event presenting it; one held already stays its holder's
        INSERT INTO human_points.stamp_nullifier (action, nullifier, address)
        SELECT DISTINCT ON (p.action, p.nullifier) p.action, p.nullifier, p.address
        FROM presented p
        ORDER BY p.action, p.nullifier, p.id, p.ord
        ON CONFLICT (action, nullifier) DO NOTHING
        RETURNING action, nullifier, address
    ),
    clashing AS (  -- a nullifier neither claimed now for the presenting address nor held by it before: another holds it
        SELECT DISTINCT p.id, p.ord, p.action
        FROM presented p
        LEFT JOIN claimed c ON c.action = p.action AND c.nullifier = p.nullifier AND c.address = p.address
        LEFT JOIN LATERAL (  -- OFFSET 0: one primary-key probe per nullifier, never a scan of the whole table
            SELECT h.address FROM human_points.stamp_nullifier h WHERE h.action = p.action AND h.nullifier = p.nullifier
            OFFSET 0
        ) h ON true
        WHERE c.action IS NULL AND h.address IS DISTINCT FROM p.address
    ),
    earned AS (
        SELECT c.address, 'scoring_bonus' AS action
        FROM counts c
        WHERE c.passing_scores >= v_settings.bonus_communities
        UNION
        SELECT sa.address, sa.action
        FROM stamp_actions sa
        WHERE NOT EXISTS (SELECT FROM clashing k WHERE k.id = sa.id AND k.ord = sa.ord AND k.action = sa.action)
    )
    -- action and multiplier by primary-key probes per earned row (OFFSET 0 keeps the probe): the generic plan otherwise
    -- hashed action and sorted a scan of the whole multiplier table on every call.
    INSERT INTO human_points.points (address, action, kind, points)
    SELECT e.address, e.action, a.kind,
           a.points * coalesce((SELECT m.multiplier FROM human_points.multiplier m WHERE m.address = e.address), 1)
    FROM earned e
    CROSS JOIN LATERAL (SELECT a.kind, a.points FROM human_points.action a WHERE a.key = e.action OFFSET 0) a
    ORDER BY e.address, e.action
    ON CONFLICT (address, action) WHERE kind = 'binary' DO NOTHING;
END
$$;
COMMENT ON FUNCTION human_points._award_score_events(bigint[], boolean) IS
    'Awards what the stored score events p_ids earn: qualifies program communities, counts distinct ones, awards scoring_bonus, stamp actions and human_keys (times the multiplier), each stamp''s nullifiers to the first address presenting them. With p_stamps false, the scores only. Used by the score trigger, human_points.count_past_scores and the settings trigger (a lowered threshold); callers check settings.write_enabled.';
REVOKE ALL ON FUNCTION human_points._award_score_events(bigint[], boolean) FROM PUBLIC;
