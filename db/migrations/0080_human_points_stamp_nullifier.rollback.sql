-- human_points: stamp nullifiers forgotten (binary stamps deduplicated by address and action only, as before 0080).
-- _stamp_has_nullifiers needs nothing here: functions are repeatables, `runner migrate` at the older version re-creates it.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
DROP TABLE human_points.stamp_nullifier;
RESET ROLE;
