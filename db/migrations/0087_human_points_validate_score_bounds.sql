-- depends: 0086_human_points_score_bounds
-- Validate the stamps bounds added NOT VALID by 0086 against existing rows (SHARE UPDATE EXCLUSIVE: writers keep going).
SET LOCAL lock_timeout = '5s';
ALTER TABLE human_points.score VALIDATE CONSTRAINT score_stamps_within_bounds;
