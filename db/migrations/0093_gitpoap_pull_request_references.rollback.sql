-- gitpoap: pull requests checked row by row by their two foreign keys again. Validating them scans pull_request under
-- SHARE ROW EXCLUSIVE (its writers wait for the scan): a rollback runs in one transaction, so NOT VALID and a later
-- VALIDATE cannot split it.
SET LOCAL lock_timeout = '5s';
ALTER TABLE gitpoap.pull_request
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT pull_request_author_id_fkey FOREIGN KEY (author_id) REFERENCES gitpoap.github_user (id),
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT pull_request_repo_project_fkey FOREIGN KEY (repo_id, project_id)
        REFERENCES gitpoap.repo (id, project_id) ON UPDATE CASCADE;
COMMENT ON CONSTRAINT pull_request_author_id_fkey ON gitpoap.pull_request IS 'must be the id of a gitpoap.github_user';
COMMENT ON CONSTRAINT pull_request_repo_project_fkey ON gitpoap.pull_request IS 'must name a gitpoap.repo and that repo''s project';
COMMENT ON COLUMN gitpoap.pull_request.author_id IS 'Author (gitpoap.github_user).';
COMMENT ON COLUMN gitpoap.pull_request.project_id IS 'Project of the repository (kept equal to repo.project_id by a composite foreign key; the distribution column under Citus).';
COMMENT ON CONSTRAINT repo_id_project_id_key ON gitpoap.repo IS 'must be unique (the target of the pull requests'' composite foreign key)';
