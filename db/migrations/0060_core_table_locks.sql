-- depends: 0050_gitpoap_pr_import_raw
-- gitpoap and tiers serialise with table locks only their owner can take (gitpoap._lock_counters, tiers._lock_tiers),
-- not advisory locks any role can hold: the advisory-lock helpers and the wallet trigger that took one are dropped,
-- and tiers._tier_key_for_balance gives way to tiers._tier_for_balance (functions and triggers are repeatables).
SET LOCAL lock_timeout = '5s';
DROP TRIGGER IF EXISTS _100_lock_tiers ON tiers.wallet;
-- No client can call these (EXECUTE was revoked from PUBLIC and granted to no role; only triggers and definer
-- functions did).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers.tg_wallet__lock_tiers();
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers._lock_tiers(boolean);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers._tier_key_for_balance(numeric);
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS gitpoap._counter_lock_key(bigint, integer);
