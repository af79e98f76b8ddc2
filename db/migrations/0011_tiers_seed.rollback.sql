-- tiers: remove the three default tiers.
SET LOCAL lock_timeout = '5s';
DELETE FROM tiers.tier WHERE tier_key IN ('elite', 'grandmaster', 'legend');
