-- depends: 0078_gitpoap_webhooks
-- human_points: score_replay, where stored score events are replayed through the score trigger's own function (a
-- community joining the program with its past scores, a lowered threshold): the rules are the trigger's, not a copy.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- The columns of human_points.score (the trigger function reads them from its transition table). Rows are written and
-- deleted inside one transaction of the owner's functions, so no row is ever committed here; nobody else has rights.
CREATE UNLOGGED TABLE human_points.score_replay (
    id           bigint NOT NULL,
    address      text NOT NULL,
    community_id integer NOT NULL,
    score        numeric NOT NULL,
    stamps       jsonb NOT NULL,
    scored_at    timestamptz NOT NULL
);
COMMENT ON TABLE human_points.score_replay IS 'Stored score events replayed through human_points.tg_score__award_points() (its AFTER INSERT statement trigger) by count_past_scores and by a lowered settings threshold; empty outside those transactions.';
COMMENT ON COLUMN human_points.score_replay.id IS 'human_points.score.id of the replayed event.';
COMMENT ON COLUMN human_points.score_replay.address IS 'The event''s address (as stored: lower-case).';
COMMENT ON COLUMN human_points.score_replay.community_id IS 'The event''s community.';
COMMENT ON COLUMN human_points.score_replay.score IS 'The event''s score.';
COMMENT ON COLUMN human_points.score_replay.stamps IS 'The event''s stamps, or [] when only its score is re-evaluated.';
COMMENT ON COLUMN human_points.score_replay.scored_at IS 'The event''s scored_at.';
RESET ROLE;
