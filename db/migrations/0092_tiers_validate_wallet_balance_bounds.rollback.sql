-- tiers: nothing to undo (validating a constraint only checked the rows; 0091's rollback drops the constraints).
SET LOCAL lock_timeout = '5s';
