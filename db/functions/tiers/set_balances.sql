-- tiers.set_balances: record many wallets' balances at once (an import), judged record by record before anything is written.
CREATE OR REPLACE FUNCTION tiers.set_balances(p_addresses text[], p_balances text[])
    RETURNS TABLE (wallets bigint, moved bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_record record;
    v_wallet tiers.wallet;
    v_column text;
    v_ordinal bigint;
    v_before text[];
BEGIN
    IF cardinality(p_addresses) IS DISTINCT FROM cardinality(p_balances) THEN
        RAISE EXCEPTION 'tiers.set_balances.balances must have one balance per address (got % addresses, % balances)',
            cardinality(p_addresses), cardinality(p_balances)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Judge every record first (one subtransaction for all) against the wallet table's own constraints
    -- (core._check_row): a bad one is named records[<ordinal>].<column>, with the constraint's rule.
    BEGIN
        FOR v_record IN
            SELECT u.ordinal, u.address, u.balance FROM unnest(p_addresses, p_balances) WITH ORDINALITY u(address, balance, ordinal)
        LOOP
            v_ordinal := v_record.ordinal;
            v_column := 'balance';
            v_wallet.balance := v_record.balance::numeric;  -- not a number: invalid_text_representation, below
            v_wallet.address := v_record.address;
            PERFORM core._check_row('tiers.wallet', v_wallet);
        END LOOP;
    EXCEPTION
        WHEN invalid_text_representation THEN
            RAISE EXCEPTION 'records[%].balance must be a finite number >= 0 (got %)',
                v_ordinal, coalesce(quote_literal(v_record.balance), 'null')
                USING ERRCODE = 'check_violation', COLUMN = 'balance';
        WHEN check_violation OR not_null_violation THEN
            GET STACKED DIAGNOSTICS v_column = COLUMN_NAME;
            v_column := coalesce(nullif(v_column, ''), 'address');  -- tiers._valid_address names no column
            RAISE EXCEPTION 'records[%].% %', v_ordinal, v_column, regexp_replace(SQLERRM, '^\S+ ', '')
                USING ERRCODE = 'check_violation', COLUMN = v_column;
    END;
    SELECT u.ordinal, u.address, u.first INTO v_record
      FROM (SELECT d.address, d.ordinal, min(d.ordinal) OVER (PARTITION BY d.address) AS first
              FROM unnest(p_addresses) WITH ORDINALITY d(address, ordinal)) u
     WHERE u.ordinal > u.first
     ORDER BY u.ordinal
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'records[%].address must appear once (% is also records[%])', v_record.ordinal,
            quote_literal(v_record.address), v_record.first
            USING ERRCODE = 'unique_violation', COLUMN = 'address';
    END IF;

    SELECT array_agg(w.tier_key ORDER BY u.ordinal) INTO v_before
      FROM unnest(p_addresses) WITH ORDINALITY u(address, ordinal)
      LEFT JOIN tiers.wallet w ON w.address = u.address;
    -- The wallet triggers give each wallet its tier and log each move in tiers.tier_change (set-based). Rows are
    -- written in address order, so two calls sharing wallets lock them in the same order (no deadlock).
    INSERT INTO tiers.wallet AS w (address, balance)
    SELECT u.address, u.balance::numeric FROM unnest(p_addresses, p_balances) u(address, balance)
     ORDER BY u.address
    ON CONFLICT (address) DO UPDATE SET balance = excluded.balance;
    wallets := coalesce(cardinality(p_addresses), 0)::bigint;
    SELECT count(*) INTO moved
      FROM unnest(p_addresses, v_before) u(address, before)
      JOIN tiers.wallet w ON w.address = u.address
     WHERE w.tier_key <> coalesce(u.before, 'none');
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION tiers.set_balances(text[], text[]) IS 'Records the balance p_balances[i] (text, a finite number >= 0) of wallet p_addresses[i], inserting or updating, with the caller''s rights (rewards_app may write balances). Every record is judged before anything is written: a bad one raises naming it records[<i>].address or records[<i>].balance (check_violation; an address twice: unique_violation). Returns how many wallets were written and how many changed tier (each move is one tiers.tier_change row, cause balance).';
REVOKE ALL ON FUNCTION tiers.set_balances(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.set_balances(text[], text[]) TO rewards_app;
