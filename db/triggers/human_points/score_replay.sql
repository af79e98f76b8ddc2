-- Triggers on human_points.score_replay: the score trigger's function, so that a replay of stored events follows
-- exactly the rules (and takes exactly the locks) of live scoring.
CREATE OR REPLACE TRIGGER _500_award_points
    AFTER INSERT ON human_points.score_replay
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION human_points.tg_score__award_points();
COMMENT ON TRIGGER _500_award_points ON human_points.score_replay IS
    'Replayed score events are awarded by the function that awards live ones (human_points.tg_score__award_points).';
