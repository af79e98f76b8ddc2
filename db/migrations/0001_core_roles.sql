-- Group roles of DESIGN (NOLOGIN; operators grant them to login roles) and default privileges.
-- Roles are cluster-wide and shared by every database of the server: created only when missing.
SET LOCAL lock_timeout = '5s';  -- never queue behind app traffic holding locks (squawk: require-lock-timeout)
DO $roles$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['rewards_owner', 'rewards_app', 'rewards_admin', 'rewards_bi'] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- made by another database's migration, or a concurrent one
        END;
    END LOOP;
    BEGIN
        GRANT rewards_app TO rewards_admin;
    EXCEPTION WHEN unique_violation THEN
        NULL;
    END;
END
$roles$;

ALTER DEFAULT PRIVILEGES FOR ROLE rewards_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
