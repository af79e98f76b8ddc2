-- depends: 0081_human_points_action_chain
-- human_points._stamp_valid_at takes the expirationDate text (extracted once by its caller) instead of the stamp:
-- the old signature is dropped here, once (functions are repeatables).
SET LOCAL lock_timeout = '5s';
-- No client can call it (EXECUTE was revoked from PUBLIC and granted to no role; only the score trigger did).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS human_points._stamp_valid_at(jsonb, timestamptz);
