-- human_points: the stamps bounds dropped (the constraint, then the function it calls).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE human_points.score DROP CONSTRAINT score_stamps_within_bounds;
DROP FUNCTION human_points._stamps_problem(jsonb);
RESET ROLE;
