-- tiers: tiers.tier readable by its owner's functions only again.
SET LOCAL lock_timeout = '5s';
REVOKE SELECT ON tiers.tier FROM rewards_app;
