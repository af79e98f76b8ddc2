-- Triggers on human_points.mint: lower-case addresses and hex tx hashes on the way in; award mint points per statement.

-- A BEFORE row trigger for the same reason as on score (see score.sql): mixed case must be stored lower-case;
-- its WHEN clause skips rows already canonical. Hex transaction hashes get one spelling too
-- (human_points._normalize_tx_hash: 0x + lower-case hex, whether written with or without 0x, in upper case or in
-- full-width digits), before idx_mint_actions sees them, so that one transaction is one (address, action, tx_hash).
CREATE OR REPLACE FUNCTION human_points.tg_mint__normalise_address()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.address := human_points.normalize_address(NEW.address, 'human_points.mint.address');
    NEW.tx_hash := human_points._normalize_tx_hash(NEW.tx_hash);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION human_points.tg_mint__normalise_address() IS
    'BEFORE INSERT/UPDATE row trigger: lower-cases mint.address (or raises check_violation naming it); hex tx_hash as 0x + lower-case hex.';
REVOKE ALL ON FUNCTION human_points.tg_mint__normalise_address() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _100_normalise_address
    BEFORE INSERT OR UPDATE OF address, tx_hash ON human_points.mint
    FOR EACH ROW
    WHEN (NOT core.is_evm_address(NEW.address) OR NEW.tx_hash !~ '^0x[0-9a-f]+$')
    EXECUTE FUNCTION human_points.tg_mint__normalise_address();

-- passport_mint / holonym_mint once per (address, action, tx_hash), deduplicated by idx_mint_actions (a concurrent
-- insert of the same key waits for the first and then does nothing); multiplier read once per address. A mint action
-- with a row in action_chain (holonym_mint: 10, Optimism) earns only for events on that chain; the others are
-- stored and earn nothing.
CREATE OR REPLACE FUNCTION human_points.tg_mint__award_points()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT coalesce((SELECT s.write_enabled FROM human_points.settings s), false) THEN
        RETURN NULL;
    END IF;
    INSERT INTO human_points.points (address, action, kind, points, tx_hash)
    SELECT DISTINCT ON (n.address, n.action, n.tx_hash)
           n.address, n.action, a.kind, a.points * coalesce(m.multiplier, 1), n.tx_hash
    FROM new_rows n
    JOIN human_points.action a ON a.key = n.action AND a.kind = n.kind
    LEFT JOIN human_points.action_chain c ON c.action = n.action
    LEFT JOIN human_points.multiplier m ON m.address = n.address
    WHERE c.chain_id IS NULL OR c.chain_id = n.chain_id
    ORDER BY n.address, n.action, n.tx_hash
    ON CONFLICT (address, action, tx_hash) WHERE kind = 'mint' DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points.tg_mint__award_points() IS
    'AFTER INSERT statement trigger on mint: awards each new (address, action, tx_hash) once, times the multiplier, when the event is on the action''s chain (human_points.action_chain, if it names one).';
REVOKE ALL ON FUNCTION human_points.tg_mint__award_points() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_award_points
    AFTER INSERT ON human_points.mint
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION human_points.tg_mint__award_points();
