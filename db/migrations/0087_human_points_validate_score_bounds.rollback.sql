-- Nothing to undo: validating a constraint changes no definition (0086's rollback drops it).
SET LOCAL lock_timeout = '5s';
