-- depends: 0078_gitpoap_webhooks
-- human_points: the nullifiers of every awarded binary stamp, once per action (a credential presented by a second
-- address earns nothing there); human_points._stamp_has_nullifiers gives way to _stamp_nullifiers (dropped once, here).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- Written only by human_points._award_score_events (as the owner), from human_points.action's keys: derived data,
-- so no per-row foreign-key check on action. Nullifiers are 1-200 characters (_stamp_nullifiers), within a btree key.
-- The primary key is the one index: scoring probes (action, nullifier); nothing looks nullifiers up by address.
CREATE TABLE human_points.stamp_nullifier (
    action     text NOT NULL,
    nullifier  text NOT NULL CONSTRAINT stamp_nullifier_nullifier_1_to_200_characters CHECK (length(nullifier) BETWEEN 1 AND 200),
    address    text NOT NULL CONSTRAINT stamp_nullifier_address_is_lowercase_0x_40_hex CHECK (address ~ '^0x[0-9a-f]{40}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stamp_nullifier_pkey PRIMARY KEY (action, nullifier)
);
COMMENT ON TABLE human_points.stamp_nullifier IS 'Nullifiers of the stamps that earned a binary action, each held by the first address that presented it: a stamp with a nullifier held by another address earns that action nothing.';
COMMENT ON COLUMN human_points.stamp_nullifier.action IS 'Binary action the stamp earned (its provider''s action, or human_keys).';
COMMENT ON COLUMN human_points.stamp_nullifier.nullifier IS 'One entry of the stamp''s credential.credentialSubject.nullifiers.';
COMMENT ON COLUMN human_points.stamp_nullifier.address IS 'Address that presented it first (lower-case 0x + 40 hex).';
COMMENT ON COLUMN human_points.stamp_nullifier.created_at IS 'When it was first presented.';
COMMENT ON CONSTRAINT stamp_nullifier_nullifier_1_to_200_characters ON human_points.stamp_nullifier IS 'must be 1 to 200 characters';
COMMENT ON CONSTRAINT stamp_nullifier_address_is_lowercase_0x_40_hex ON human_points.stamp_nullifier IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT stamp_nullifier_pkey ON human_points.stamp_nullifier IS 'must be unique: a nullifier earns an action for one address';
GRANT SELECT ON human_points.stamp_nullifier TO rewards_app;

-- No client can call it (EXECUTE was revoked from PUBLIC and granted to no role; only the score trigger did).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS human_points._stamp_has_nullifiers(jsonb);
RESET ROLE;
