-- depends: 0001_core_roles
-- tiers: token-balance tiers (tiers.tier), wallets whose tier the database keeps (tiers.wallet), tier history (tiers.tier_change).
SET LOCAL lock_timeout = '5s';
CREATE SCHEMA tiers AUTHORIZATION rewards_owner;
SET LOCAL ROLE rewards_owner;

COMMENT ON SCHEMA tiers IS 'Token tiers (Elite, Grandmaster, Legend …) managed as rows; each wallet''s tier kept from its balance, with history.';

CREATE TABLE tiers.tier (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text NOT NULL CONSTRAINT tier_name_not_blank CHECK (btrim(name) <> ''),
    tier_key         text NOT NULL
                     CONSTRAINT tier_key_lower_case CHECK (tier_key ~ '^[a-z][a-z0-9_]*$')
                     CONSTRAINT tier_key_not_none CHECK (tier_key <> 'none'),
    minimum_balance  numeric(18,2) NOT NULL CONSTRAINT tier_minimum_balance_not_negative CHECK (minimum_balance >= 0),
    discount_percent numeric(5,2) NOT NULL DEFAULT 0
                     CONSTRAINT tier_discount_percent_between_0_and_100 CHECK (discount_percent BETWEEN 0 AND 100),
    badge_name       text,
    badge_color      text,
    display_order    integer NOT NULL DEFAULT 0,
    is_active        boolean NOT NULL DEFAULT true,
    description      text,
    metadata         jsonb NOT NULL DEFAULT '{}' CONSTRAINT tier_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tier_tier_key_key UNIQUE (tier_key)
);
-- Two active tiers may not share a minimum balance (the lookup "highest minimum <= balance" must be unambiguous);
-- this index also serves that lookup.
CREATE UNIQUE INDEX tier_active_minimum_balance_key ON tiers.tier (minimum_balance) WHERE is_active;
CREATE INDEX tier_display_order_idx ON tiers.tier (display_order);
CREATE INDEX tier_is_active_idx ON tiers.tier (is_active);
CREATE INDEX tier_minimum_balance_idx ON tiers.tier (minimum_balance);
COMMENT ON TABLE tiers.tier IS 'A token-balance tier: a wallet holding at least minimum_balance tokens is in the highest such active tier. Written only through tiers.create_tier/update_tier/delete_tier.';
COMMENT ON COLUMN tiers.tier.id IS 'Tier id.';
COMMENT ON COLUMN tiers.tier.name IS 'Display name, e.g. Elite.';
COMMENT ON COLUMN tiers.tier.tier_key IS 'Unique key: lower-case letters, digits and _, starting with a letter (e.g. elite); never changes; "none" is reserved for the none tier.';
COMMENT ON COLUMN tiers.tier.minimum_balance IS 'Tokens a wallet must hold to be in this tier (>= 0; unique among active tiers).';
COMMENT ON COLUMN tiers.tier.discount_percent IS 'Discount granted by the tier, in percent (0 to 100).';
COMMENT ON COLUMN tiers.tier.badge_name IS 'Badge label shown for the tier.';
COMMENT ON COLUMN tiers.tier.badge_color IS 'Badge colour, e.g. silver.';
COMMENT ON COLUMN tiers.tier.display_order IS 'Position when tiers are listed by order.';
COMMENT ON COLUMN tiers.tier.is_active IS 'Inactive tiers (soft-deleted) are ignored by every lookup.';
COMMENT ON COLUMN tiers.tier.description IS 'Free text describing the tier''s benefits.';
COMMENT ON COLUMN tiers.tier.metadata IS 'Additional data (a JSON object).';
COMMENT ON COLUMN tiers.tier.created_at IS 'When the tier was created.';
COMMENT ON COLUMN tiers.tier.updated_at IS 'When the tier was last changed (kept by the database).';

-- Versioned, not repeatable: the CHECK constraint of tiers.wallet.address calls it.
CREATE FUNCTION tiers._valid_address(p_address text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF p_address ~ '^0x[0-9a-f]{40}$' OR p_address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$' THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'tiers.wallet.address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) (got %)',
        coalesce(quote_literal(p_address), 'null')
        USING ERRCODE = 'check_violation';
END;
$$;
COMMENT ON FUNCTION tiers._valid_address(text) IS 'True for a wallet address in an accepted format (lower-case 0x + 40 hex, or 32-44 base58 characters); otherwise raises check_violation naming the value.';
REVOKE ALL ON FUNCTION tiers._valid_address(text) FROM PUBLIC;

CREATE TABLE tiers.wallet (
    address    text PRIMARY KEY CONSTRAINT wallet_address_format CHECK (tiers._valid_address(address)),
    balance    numeric NOT NULL CONSTRAINT wallet_balance_not_negative CHECK (balance >= 0),
    tier_key   text NOT NULL DEFAULT 'none',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wallet_balance_idx ON tiers.wallet (balance);
COMMENT ON TABLE tiers.wallet IS 'Token balance of a wallet, written by applications; tier_key is kept by the database (trigger) and changes are logged in tiers.tier_change.';
COMMENT ON COLUMN tiers.wallet.address IS 'Wallet address: lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana, case-sensitive).';
COMMENT ON COLUMN tiers.wallet.balance IS 'Token balance (>= 0).';
COMMENT ON COLUMN tiers.wallet.tier_key IS 'Key of the wallet''s current tier (none when below every active tier); kept by the database.';
COMMENT ON COLUMN tiers.wallet.updated_at IS 'When the balance or the tier last changed (kept by the database).';

CREATE TABLE tiers.tier_change (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address       text NOT NULL,
    from_tier_key text NOT NULL,
    to_tier_key   text NOT NULL,
    balance       numeric NOT NULL,
    cause         text NOT NULL CONSTRAINT tier_change_cause_balance_or_tier CHECK (cause IN ('balance', 'tier')),
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tier_change_address_changed_at_idx ON tiers.tier_change (address, changed_at);
CREATE INDEX tier_change_changed_at_idx ON tiers.tier_change (changed_at);
COMMENT ON TABLE tiers.tier_change IS 'History: one row per change of a wallet''s tier, from a balance change or from a tier being created, updated or deleted.';
COMMENT ON COLUMN tiers.tier_change.id IS 'Change id (increasing).';
COMMENT ON COLUMN tiers.tier_change.address IS 'The wallet.';
COMMENT ON COLUMN tiers.tier_change.from_tier_key IS 'Tier before the change (none for no tier).';
COMMENT ON COLUMN tiers.tier_change.to_tier_key IS 'Tier after the change (none for no tier).';
COMMENT ON COLUMN tiers.tier_change.balance IS 'The wallet''s balance when its tier changed.';
COMMENT ON COLUMN tiers.tier_change.cause IS 'balance: the wallet''s balance changed; tier: a tier was created, updated or deleted.';
COMMENT ON COLUMN tiers.tier_change.changed_at IS 'When the change was made (transaction time).';

GRANT USAGE ON SCHEMA tiers TO rewards_app, rewards_admin;
-- Applications write balances; tier_key and updated_at are the database's.
GRANT SELECT, INSERT (address, balance), UPDATE (balance) ON tiers.wallet TO rewards_app;
-- The address CHECK runs with the writer's privileges.
GRANT EXECUTE ON FUNCTION tiers._valid_address(text) TO rewards_app;
