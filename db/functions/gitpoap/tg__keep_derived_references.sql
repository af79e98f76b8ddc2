-- gitpoap.tg__keep_derived_references: the trigger function behind the references of pull requests, counters and claims (one for several tables).
CREATE OR REPLACE FUNCTION gitpoap.tg__keep_derived_references() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM gitpoap._refuse_orphans(TG_TABLE_NAME, NULL);
    ELSE
        PERFORM gitpoap._refuse_orphans(TG_TABLE_NAME, ARRAY(SELECT o.id FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION gitpoap.tg__keep_derived_references() IS 'AFTER DELETE (with old_rows) or AFTER TRUNCATE … FOR EACH STATEMENT on github_user, repo, project and gitpoap: refuses, with foreign_key_violation, to remove rows that pull requests, counters or claims refer to (gitpoap._refuse_orphans). AFTER TRUNCATE sees the tables truncated by the same command already empty, as a foreign key would.';
REVOKE ALL ON FUNCTION gitpoap.tg__keep_derived_references() FROM PUBLIC;
