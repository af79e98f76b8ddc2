-- Roles stay (other databases of the server may use them); only this database's default privileges go back.
SET LOCAL lock_timeout = '5s';  -- never queue behind app traffic holding locks (squawk: require-lock-timeout)
ALTER DEFAULT PRIVILEGES FOR ROLE rewards_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
