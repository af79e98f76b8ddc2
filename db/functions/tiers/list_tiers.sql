-- tiers.list_tiers: tiers sorted by display order, by balance requirement or by discount.
CREATE OR REPLACE FUNCTION tiers.list_tiers(p_sort_by text DEFAULT 'order', p_include_inactive boolean DEFAULT false)
    RETURNS SETOF tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_sort_by IS NULL OR p_sort_by NOT IN ('order', 'balance', 'discount') THEN
        RAISE EXCEPTION 'sort_by must be one of order, balance, discount (got %)', coalesce(quote_literal(p_sort_by), 'null')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT t.* FROM tiers.tier t
         WHERE t.is_active OR coalesce(p_include_inactive, false)
         ORDER BY CASE p_sort_by WHEN 'order' THEN t.display_order END,
                  CASE p_sort_by WHEN 'balance' THEN t.minimum_balance END DESC,
                  CASE p_sort_by WHEN 'discount' THEN t.discount_percent END DESC,
                  t.minimum_balance, t.id;
END;
$$;
COMMENT ON FUNCTION tiers.list_tiers(text, boolean) IS 'Tiers, active only unless p_include_inactive. p_sort_by: order (display_order ascending), balance (minimum_balance descending: most restrictive first), discount (discount_percent descending); ties by minimum_balance then id.';
REVOKE ALL ON FUNCTION tiers.list_tiers(text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.list_tiers(text, boolean) TO rewards_app;
