-- depends: 0010_tiers_schema
-- tiers: the three default tiers (Elite, Grandmaster, Legend).
SET LOCAL lock_timeout = '5s';
INSERT INTO tiers.tier (name, tier_key, minimum_balance, discount_percent, badge_name, badge_color, display_order, description)
VALUES ('Elite', 'elite', 5000, 1, 'Elite', 'silver', 1, 'Entry-level VIP tier with 1% discount'),
       ('Grandmaster', 'grandmaster', 50000, 2, 'Grandmaster', 'gold', 2, 'Advanced VIP tier with 2% discount'),
       ('Legend', 'legend', 300000, 3, 'Legend', 'orange', 3, 'Top VIP tier with 3% discount');
