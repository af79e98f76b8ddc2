-- Nothing to undo: a validated constraint is dropped by the rollback of the migration that added it (0041, 0040).
SET LOCAL lock_timeout = '5s';
