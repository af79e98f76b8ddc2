-- core.constraint_rule: the column(s) a table constraint guards and its rule (the constraint's comment).
CREATE OR REPLACE FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text)
    RETURNS TABLE (columns text[], rule text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT ARRAY(SELECT a.attname::text
                 FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                 ORDER BY k.n),
           obj_description(c.oid, 'pg_constraint')
    FROM pg_constraint c
    JOIN pg_class r ON r.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = r.relnamespace
    WHERE n.nspname = p_schema AND r.relname = p_table AND c.conname = p_constraint;
END;
COMMENT ON FUNCTION core.constraint_rule(text, text, text) IS 'The columns a constraint of p_schema.p_table guards, in key order, and its rule: the constraint''s comment, a phrase such as "must be between 2008 and 2100" that follows the column''s name. No row for an unknown constraint. runner renders a failed constraint with it.';
REVOKE ALL ON FUNCTION core.constraint_rule(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.constraint_rule(text, text, text) TO rewards_app;
