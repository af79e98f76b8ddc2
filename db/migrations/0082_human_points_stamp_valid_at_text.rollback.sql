-- Nothing to undo: functions are repeatables, and `runner migrate` at the older version re-creates the ones it has.
SET LOCAL lock_timeout = '5s';
