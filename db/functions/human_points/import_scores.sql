-- human_points.import_scores: bulk load of score events (COPY into human_points.score_import, one set-based insert).
CREATE OR REPLACE FUNCTION human_points.import_scores()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER  -- clients may only insert into score_import: reading and deleting staged events is this function's
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_xact xid8 := pg_current_xact_id();  -- this transaction's staged rows (once: not a call per row)
    v_idx     integer;
    v_problem text;
    v_count   integer;
BEGIN
    SELECT s.idx, p.problem INTO v_idx, v_problem
    FROM human_points.score_import s
    CROSS JOIN LATERAL (SELECT human_points._score_event_problem(s.event) AS problem) p
    WHERE s.xact_id = v_xact AND p.problem IS NOT NULL
    ORDER BY s.idx
    LIMIT 1;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION 'events[%]%', v_idx, CASE WHEN v_problem LIKE '.%' THEN v_problem ELSE ' ' || v_problem END
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- One statement: the score trigger runs once over every event, as for an application's multi-row INSERT.
    INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
    SELECT lower(s.event ->> 'address'),
           (s.event ->> 'community_id')::integer,
           (s.event ->> 'score')::numeric,
           coalesce(nullif(s.event -> 'stamps', 'null'::jsonb), '[]'::jsonb),
           (s.event ->> 'scored_at')::timestamptz
    FROM human_points.score_import s
    WHERE s.xact_id = v_xact
    ORDER BY s.idx;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    DELETE FROM human_points.score_import s WHERE s.xact_id = v_xact;
    -- What other transactions staged and committed without importing (rows of transactions in progress or aborted
    -- are invisible here): nobody will read it. Rows another import is deleting right now are skipped, not waited for.
    DELETE FROM human_points.score_import s
    USING (SELECT l.ctid FROM human_points.score_import l WHERE l.xact_id <> v_xact FOR UPDATE SKIP LOCKED) AS l
    WHERE s.ctid = l.ctid;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION human_points.import_scores() IS
    'Validates every event this transaction staged in human_points.score_import (events of other transactions are never read) (error: events[<index>].<field> <rule> (got <value>), nothing inserted), then inserts them all into human_points.score in one statement, in idx order; deletes them, and the events finished transactions left. Returns the number of events inserted.';
REVOKE ALL ON FUNCTION human_points.import_scores() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.import_scores() TO rewards_app;
