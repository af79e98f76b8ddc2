-- gitpoap.contributor_progress: reporting.contributor_progress for one contributor.
CREATE OR REPLACE FUNCTION gitpoap.contributor_progress(p_login text)
    RETURNS TABLE (project text, year integer, merged_prs integer, current_level integer, next_level integer,
                   next_threshold integer, prs_to_go integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT v.project, v.year, v.merged_prs, v.current_level, v.next_level, v.next_threshold, v.prs_to_go
    FROM reporting.contributor_progress v
    WHERE v.login = (SELECT u.login FROM gitpoap.github_user u WHERE u.login_key = lower(p_login))
    ORDER BY v.project, v.year;
END;

COMMENT ON FUNCTION gitpoap.contributor_progress(text) IS 'The rows of reporting.contributor_progress of the contributor with login p_login (any case, as GitHub matches logins), by project and year: merged PRs counted, highest level claimed, next level and threshold, PRs to go. No rows for an unknown login.';
REVOKE ALL ON FUNCTION gitpoap.contributor_progress(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.contributor_progress(text) TO rewards_app;
