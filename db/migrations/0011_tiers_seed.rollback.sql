-- tiers: remove the three default tiers.
DELETE FROM tiers.tier WHERE tier_key IN ('elite', 'grandmaster', 'legend');
