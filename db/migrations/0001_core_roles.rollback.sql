-- Roles stay (other databases of the server may use them); only this database's default privileges go back.
ALTER DEFAULT PRIVILEGES FOR ROLE rewards_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
