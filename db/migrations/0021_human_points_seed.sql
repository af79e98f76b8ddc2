-- depends: 0020_human_points_schema
-- Human Points Program: the actions with their points and stamp providers, and the settings row.
SET LOCAL lock_timeout = '5s';
INSERT INTO human_points.action (key, points, kind, provider, description) VALUES
    ('scoring_bonus',                 500,  'binary', NULL,                         'Passing scores in bonus_communities distinct program communities'),
    ('human_keys',                    100,  'binary', NULL,                         'A valid stamp carrying credentialSubject.nullifiers (Human Network)'),
    ('identity_staking_bronze',       100,  'binary', 'SelfStakingBronze',          'Valid SelfStakingBronze stamp'),
    ('identity_staking_silver',       200,  'binary', 'SelfStakingSilver',          'Valid SelfStakingSilver stamp'),
    ('identity_staking_gold',         500,  'binary', 'SelfStakingGold',            'Valid SelfStakingGold stamp'),
    ('community_staking_beginner',    100,  'binary', 'BeginnerCommunityStaker',    'Valid BeginnerCommunityStaker stamp'),
    ('community_staking_experienced', 200,  'binary', 'ExperiencedCommunityStaker', 'Valid ExperiencedCommunityStaker stamp'),
    ('community_staking_trusted',     500,  'binary', 'TrustedCitizen',             'Valid TrustedCitizen stamp'),
    ('passport_mint',                 300,  'mint',   NULL,                         'Passport mint, once per transaction'),
    ('holonym_mint',                  1000, 'mint',   NULL,                         'Holonym mint, once per transaction');

INSERT INTO human_points.settings (id, write_enabled, pass_threshold, bonus_communities) VALUES (true, true, 20, 3);
