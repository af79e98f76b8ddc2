-- gitpoap.list_gitpoaps: GitPOAPs with their claim counts, by project, year and level.
CREATE OR REPLACE FUNCTION gitpoap.list_gitpoaps(p_project text DEFAULT NULL)
    RETURNS TABLE (gitpoap_id bigint, project text, year integer, level integer, threshold integer,
                   status text, is_enabled boolean, claims bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.id, p.name, g.year, g.level, g.threshold, g.status, g.is_enabled,
           (SELECT count(*) FROM gitpoap.claim c WHERE c.gitpoap_id = g.id)
    FROM gitpoap.gitpoap g
    JOIN gitpoap.project p ON p.id = g.project_id
    WHERE p_project IS NULL OR p.name = p_project
    ORDER BY p.name, g.year, g.level;
END;

COMMENT ON FUNCTION gitpoap.list_gitpoaps(text) IS 'Every GitPOAP (of one project when p_project is given) with its threshold, status and number of claims, ordered by project, year and level.';
REVOKE ALL ON FUNCTION gitpoap.list_gitpoaps(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.list_gitpoaps(text) TO rewards_app;
