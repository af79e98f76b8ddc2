-- core._check_row: a row judged against its table's NOT NULL and CHECK constraints before it is written, refused in one voice.
CREATE OR REPLACE FUNCTION core._check_row(p_table regclass, p_row anyelement) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule record;
    v_passes boolean;
    v_value jsonb;
    v_schema text;
    v_table text;
BEGIN
    SELECT t.relnamespace::regnamespace::text, t.relname::text INTO v_schema, v_table FROM pg_class t WHERE t.oid = p_table;
    -- The table's own NOT NULL and CHECK constraints, judged on a row before it is written, so that a refusal names
    -- the field, the rule and the value the way every other rule of the project does. Columns with a default or an
    -- identity are the table's to fill.
    FOR v_rule IN
        SELECT NULL::text AS conname, ARRAY[a.attname::text] AS columns, 'is required' AS rule, NULL::text AS expr,
               a.attnum AS n
        FROM pg_attribute a
        WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
          AND NOT a.atthasdef AND a.attidentity = ''
        UNION ALL
        SELECT c.conname, r.columns, r.rule, pg_get_expr(c.conbin, c.conrelid), 10000 + rank() OVER (ORDER BY c.conname)
        FROM pg_constraint c
        CROSS JOIN LATERAL core.constraint_rule(v_schema, v_table, c.conname::text) AS r
        WHERE c.conrelid = p_table AND c.contype = 'c'
        ORDER BY n
    LOOP
        v_value := to_jsonb(p_row) -> v_rule.columns[1];
        IF v_rule.expr IS NULL THEN
            v_passes := v_value IS NOT NULL AND v_value <> 'null'::jsonb;
        ELSE
            EXECUTE format('SELECT (%s) IS NOT FALSE FROM (SELECT ($1).*) AS t', v_rule.expr) INTO v_passes USING p_row;
        END IF;
        CONTINUE WHEN v_passes;
        IF v_rule.expr IS NULL THEN
            RAISE EXCEPTION '%.% %', p_table, v_rule.columns[1], v_rule.rule
                USING ERRCODE = 'not_null_violation', SCHEMA = v_schema, TABLE = v_table, COLUMN = v_rule.columns[1];
        END IF;
        RAISE EXCEPTION '%.% % (got %)', p_table, v_rule.columns[1], coalesce(v_rule.rule, 'breaks ' || v_rule.conname),
            CASE jsonb_typeof(v_value)
                WHEN 'string' THEN quote_literal(left(v_value #>> '{}', 40) || CASE WHEN length(v_value #>> '{}') > 40 THEN '…' ELSE '' END)
                WHEN 'number' THEN trim_scale((v_value #>> '{}')::numeric)::text
                ELSE left(v_value::text, 40)
            END
            USING ERRCODE = 'check_violation', SCHEMA = v_schema, TABLE = v_table, COLUMN = v_rule.columns[1],
                  CONSTRAINT = v_rule.conname;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION core._check_row(regclass, anyelement) IS 'Judges p_row, a row of table p_table about to be written (or only imagined, as by a preview), against the table''s NOT NULL columns (those without a default) and CHECK constraints; the first it breaks raises not_null_violation or check_violation "<schema>.<table>.<column> <rule> (got <value>)", the rule being the constraint''s comment (see core.constraint_rule), with SCHEMA, TABLE, COLUMN and CONSTRAINT set.';
REVOKE ALL ON FUNCTION core._check_row(regclass, anyelement) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core._check_row(regclass, anyelement) TO rewards_app;  -- tiers.set_balances judges with the caller's rights
