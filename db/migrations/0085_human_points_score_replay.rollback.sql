-- human_points: score_replay dropped (its trigger goes with it; the functions that write it are repeatables).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
DROP TABLE human_points.score_replay;
RESET ROLE;
