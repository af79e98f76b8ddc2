-- Nothing to undo: validating a constraint changes no definition.
SET LOCAL lock_timeout = '5s';
