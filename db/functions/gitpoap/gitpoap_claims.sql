-- gitpoap.gitpoap_claims: reporting.gitpoap_claims of one project and/or year.
CREATE OR REPLACE FUNCTION gitpoap.gitpoap_claims(p_project text DEFAULT NULL, p_year integer DEFAULT NULL)
    RETURNS TABLE (gitpoap_id bigint, project text, year integer, level integer, threshold integer, name text,
                   status text, is_enabled boolean, issued bigint, claimed bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT v.gitpoap_id, v.project, v.year, v.level, v.threshold, v.name, v.status, v.is_enabled, v.issued, v.claimed
    FROM reporting.gitpoap_claims v
    WHERE (p_project IS NULL OR v.project = p_project) AND (p_year IS NULL OR v.year = p_year)
    ORDER BY v.project, v.year, v.level;
END;

COMMENT ON FUNCTION gitpoap.gitpoap_claims(text, integer) IS 'The rows of reporting.gitpoap_claims (every GitPOAP with its claims issued and claimed), of project p_project and year p_year when given, by project, year and level.';
REVOKE ALL ON FUNCTION gitpoap.gitpoap_claims(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.gitpoap_claims(text, integer) TO rewards_app;
