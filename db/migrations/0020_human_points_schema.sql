-- depends: 0001_core_roles
-- Human Points Program: schema human_points, its tables, dedupe indexes and privileges.
SET LOCAL lock_timeout = '5s';
CREATE SCHEMA human_points AUTHORIZATION rewards_owner;
SET LOCAL ROLE rewards_owner;

COMMENT ON SCHEMA human_points IS 'Human Points Program (Gitcoin Passport): score and mint events in, points out, awarded by triggers.';

-- Addresses: every table holds lower-case 0x + 40 hex (named CHECK constraints, which name the failing row).
-- The event tables (score, mint) also accept mixed-case hex: a BEFORE INSERT row trigger, fired only for rows
-- whose address is not already in canonical form, lower-cases it (or raises naming the value), see
-- db/triggers/human_points/score.sql for why it is a trigger and not a domain.

CREATE TABLE human_points.community (
    id                   integer PRIMARY KEY,
    name                 text NOT NULL DEFAULT '',
    human_points_program boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE human_points.community IS 'Passport scorer communities; only scores in communities with human_points_program award points.';
COMMENT ON COLUMN human_points.community.id IS 'The community id applications send in score.community_id.';
COMMENT ON COLUMN human_points.community.name IS 'Display name.';
COMMENT ON COLUMN human_points.community.human_points_program IS 'True when scores in this community take part in the Human Points Program.';
COMMENT ON COLUMN human_points.community.created_at IS 'When the row was added.';

CREATE TABLE human_points.action (
    key         text PRIMARY KEY,
    points      integer NOT NULL CONSTRAINT action_points_at_least_0 CHECK (points >= 0),
    kind        text NOT NULL CONSTRAINT action_kind_is_binary_or_mint CHECK (kind IN ('binary', 'mint')),
    provider    text UNIQUE,
    description text NOT NULL DEFAULT '',
    -- The dedupe indexes on points list these keys literally: a new action needs a migration changing both.
    CONSTRAINT action_key_is_covered_by_a_dedupe_index CHECK (
        (kind = 'binary' AND key IN ('scoring_bonus', 'human_keys',
                                     'identity_staking_bronze', 'identity_staking_silver', 'identity_staking_gold',
                                     'community_staking_beginner', 'community_staking_experienced', 'community_staking_trusted'))
        OR (kind = 'mint' AND key IN ('passport_mint', 'holonym_mint'))),
    CONSTRAINT action_provider_only_on_binary CHECK (provider IS NULL OR kind = 'binary')
);
COMMENT ON TABLE human_points.action IS 'Every action that earns points, with its base points (before the multiplier).';
COMMENT ON COLUMN human_points.action.key IS 'Action key, as stored in points.action (the seed''s HumanPoints.Action).';
COMMENT ON COLUMN human_points.action.points IS 'Base points of one award; the address''s multiplier is applied at insertion.';
COMMENT ON COLUMN human_points.action.kind IS 'binary: once per address; mint: once per (address, action, tx_hash).';
COMMENT ON COLUMN human_points.action.provider IS 'Passport stamp provider whose valid stamp earns this binary action (null: earned otherwise).';
COMMENT ON COLUMN human_points.action.description IS 'What earns the action.';

CREATE TABLE human_points.settings (
    id                boolean PRIMARY KEY DEFAULT true CONSTRAINT settings_is_a_single_row CHECK (id),
    write_enabled     boolean NOT NULL DEFAULT true,
    pass_threshold    numeric NOT NULL DEFAULT 20 CONSTRAINT settings_pass_threshold_at_least_0 CHECK (pass_threshold >= 0),
    bonus_communities integer NOT NULL DEFAULT 3 CONSTRAINT settings_bonus_communities_at_least_1 CHECK (bonus_communities >= 1),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE human_points.settings IS 'The program''s single settings row.';
COMMENT ON COLUMN human_points.settings.id IS 'Always true: there is one row.';
COMMENT ON COLUMN human_points.settings.write_enabled IS 'Kill switch: false stores events but awards nothing; reads keep working.';
COMMENT ON COLUMN human_points.settings.pass_threshold IS 'A score at least this high is a passing score.';
COMMENT ON COLUMN human_points.settings.bonus_communities IS 'Distinct qualified program communities that earn scoring_bonus.';
COMMENT ON COLUMN human_points.settings.updated_at IS 'Last change made through set_write_enabled.';

CREATE TABLE human_points.score (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address      text NOT NULL CONSTRAINT score_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    community_id integer NOT NULL REFERENCES human_points.community (id),
    score        numeric NOT NULL CONSTRAINT score_score_at_least_0 CHECK (score >= 0),
    stamps       jsonb NOT NULL DEFAULT '[]' CONSTRAINT score_stamps_is_an_array CHECK (jsonb_typeof(stamps) = 'array'),
    scored_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX score_address_idx ON human_points.score (address);
CREATE INDEX score_scored_at_idx ON human_points.score (scored_at);
COMMENT ON TABLE human_points.score IS 'Scoring events applications insert; a statement-level trigger awards the points.';
COMMENT ON COLUMN human_points.score.id IS 'Event id.';
COMMENT ON COLUMN human_points.score.address IS 'Scored address, lower-case 0x + 40 hex (mixed case is normalised on insert).';
COMMENT ON COLUMN human_points.score.community_id IS 'Community that scored the address.';
COMMENT ON COLUMN human_points.score.score IS 'Passport score (passing when >= settings.pass_threshold).';
COMMENT ON COLUMN human_points.score.stamps IS 'JSON array of stamps {provider, credential{expirationDate, credentialSubject{nullifiers}}}.';
COMMENT ON COLUMN human_points.score.scored_at IS 'When the score was computed; stamps are valid if they expire later.';

CREATE TABLE human_points.mint (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address   text NOT NULL CONSTRAINT mint_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    action    text NOT NULL REFERENCES human_points.action (key)
              CONSTRAINT mint_action_is_a_mint CHECK (action IN ('passport_mint', 'holonym_mint')),
    tx_hash   text NOT NULL CONSTRAINT mint_tx_hash_not_empty CHECK (tx_hash <> ''),
    chain_id  bigint,
    minted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mint_address_idx ON human_points.mint (address);
COMMENT ON TABLE human_points.mint IS 'Mint events applications insert; a statement-level trigger awards the points.';
COMMENT ON COLUMN human_points.mint.id IS 'Event id.';
COMMENT ON COLUMN human_points.mint.address IS 'Minting address, lower-case 0x + 40 hex (mixed case is normalised on insert).';
COMMENT ON COLUMN human_points.mint.action IS 'passport_mint or holonym_mint.';
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; 0x-hex hashes are stored lower-case.';
COMMENT ON COLUMN human_points.mint.chain_id IS 'Chain of the transaction, when known.';
COMMENT ON COLUMN human_points.mint.minted_at IS 'When the event was recorded.';

CREATE TABLE human_points.qualified_community (
    address      text NOT NULL CONSTRAINT qualified_community_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    community_id integer NOT NULL REFERENCES human_points.community (id),
    qualified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (address, community_id)
);
COMMENT ON TABLE human_points.qualified_community IS 'Program communities in which an address has had a passing score (once each).';
COMMENT ON COLUMN human_points.qualified_community.address IS 'Qualified address.';
COMMENT ON COLUMN human_points.qualified_community.community_id IS 'Program community it qualified in.';
COMMENT ON COLUMN human_points.qualified_community.qualified_at IS 'When the first passing score was processed.';

CREATE TABLE human_points.program_stats (
    address        text PRIMARY KEY CONSTRAINT program_stats_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    passing_scores integer NOT NULL DEFAULT 0 CONSTRAINT program_stats_passing_scores_at_least_0 CHECK (passing_scores >= 0)
);
COMMENT ON TABLE human_points.program_stats IS 'Per-address counter; its row lock serialises concurrent scoring of one address.';
COMMENT ON COLUMN human_points.program_stats.address IS 'Address.';
COMMENT ON COLUMN human_points.program_stats.passing_scores IS 'Number of distinct qualified program communities (rows of qualified_community).';

CREATE TABLE human_points.points (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address     text NOT NULL CONSTRAINT points_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    action      text NOT NULL REFERENCES human_points.action (key),
    points      integer NOT NULL CONSTRAINT points_points_at_least_0 CHECK (points >= 0),
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    tx_hash     text
);
CREATE INDEX points_address_action_idx ON human_points.points (address, action);
CREATE INDEX points_timestamp_idx ON human_points.points ("timestamp");
CREATE UNIQUE INDEX idx_binary_actions ON human_points.points (address, action)
    WHERE action IN ('scoring_bonus', 'human_keys',
                     'identity_staking_bronze', 'identity_staking_silver', 'identity_staking_gold',
                     'community_staking_beginner', 'community_staking_experienced', 'community_staking_trusted');
CREATE UNIQUE INDEX idx_mint_actions ON human_points.points (address, action, tx_hash)
    WHERE action IN ('passport_mint', 'holonym_mint');
COMMENT ON TABLE human_points.points IS 'Awarded points (the seed''s HumanPoints); a total is the sum of an address''s rows.';
COMMENT ON COLUMN human_points.points.id IS 'Row id.';
COMMENT ON COLUMN human_points.points.address IS 'Address that earned the points.';
COMMENT ON COLUMN human_points.points.action IS 'Action earned (human_points.action.key).';
COMMENT ON COLUMN human_points.points.points IS 'Points awarded: the action''s points times the address''s multiplier at insertion.';
COMMENT ON COLUMN human_points.points."timestamp" IS 'When the points were awarded (timestamptz; shown in UTC).';
COMMENT ON COLUMN human_points.points.tx_hash IS 'Mint transaction hash (mint actions only).';
COMMENT ON INDEX human_points.idx_binary_actions IS 'Binary actions (stamps, human_keys, scoring_bonus) are earned once per address.';
COMMENT ON INDEX human_points.idx_mint_actions IS 'Mint actions are earned once per (address, action, tx_hash).';

CREATE TABLE human_points.multiplier (
    address    text PRIMARY KEY CONSTRAINT multiplier_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    multiplier integer NOT NULL DEFAULT 2 CONSTRAINT multiplier_multiplier_at_least_1 CHECK (multiplier >= 1),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE human_points.multiplier IS 'Point multipliers; an address without a row has multiplier 1.';
COMMENT ON COLUMN human_points.multiplier.address IS 'Address.';
COMMENT ON COLUMN human_points.multiplier.multiplier IS 'Factor applied to every award at insertion (later changes do not rewrite old points).';
COMMENT ON COLUMN human_points.multiplier.created_at IS 'When the row was added.';

-- Privileges (DESIGN, Roles): the app inserts events and reads; the admin manages communities, multipliers, settings.
-- Staging for runner points import-scores: rows COPYed here are only ever visible to the importing transaction,
-- which validates them, moves them into score and deletes them before it commits (as gitpoap.pr_import).
CREATE UNLOGGED TABLE human_points.score_import (
    idx   integer NOT NULL,
    event jsonb NOT NULL
);
COMMENT ON TABLE human_points.score_import IS 'Staging for human_points.import_scores(): COPY a file''s events here, then call the function in the same transaction.';
COMMENT ON COLUMN human_points.score_import.idx IS 'Index of the event in the file (0-based).';
COMMENT ON COLUMN human_points.score_import.event IS 'The event as read from the file.';

GRANT USAGE ON SCHEMA human_points TO rewards_app;
GRANT SELECT ON ALL TABLES IN SCHEMA human_points TO rewards_app;
GRANT INSERT ON human_points.score, human_points.mint TO rewards_app;
GRANT INSERT, DELETE ON human_points.score_import TO rewards_app;
GRANT INSERT, UPDATE, DELETE ON human_points.community, human_points.multiplier TO rewards_admin;
GRANT UPDATE ON human_points.settings TO rewards_admin;
