-- gitpoap.project_id: a project's id from its name, or a clear error.
CREATE OR REPLACE FUNCTION gitpoap.project_id(p_name text) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT p.id INTO v_id FROM gitpoap.project p WHERE p.name = p_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'gitpoap.project.name: no project named %', coalesce(quote_literal(p_name), 'null')
            USING ERRCODE = 'no_data_found', COLUMN = 'project',
                  HINT = 'runner import-prs creates a project with its first repo; runner status lists the repos';
    END IF;
    RETURN v_id;
END;
$$;

COMMENT ON FUNCTION gitpoap.project_id(text) IS 'Id of the project named p_name; raises no_data_found naming it when there is none.';
REVOKE ALL ON FUNCTION gitpoap.project_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.project_id(text) TO rewards_app;
