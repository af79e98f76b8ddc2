-- depends: 0042_core_validate_input_rules
-- gitpoap._count_merged_prs is gone: the pull_request trigger counts new rows from its transition table itself and
-- gitpoap._uncount_merged_prs removes old ones (functions are repeatables; a removed one is dropped here, once).
SET LOCAL lock_timeout = '5s';
-- No client can call it (EXECUTE was revoked from PUBLIC and granted to no role; only the trigger did).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS gitpoap._count_merged_prs(gitpoap.pull_request[], gitpoap.pull_request[]);
