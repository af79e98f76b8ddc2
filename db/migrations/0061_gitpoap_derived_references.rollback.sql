-- gitpoap: counters and claims checked row by row by foreign keys again. Validating them scans both tables under
-- SHARE ROW EXCLUSIVE (their writers wait for the scan): a rollback runs in one transaction, so NOT VALID and a later
-- VALIDATE cannot split it.
SET LOCAL lock_timeout = '5s';
ALTER TABLE gitpoap.contribution
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT contribution_project_id_fkey FOREIGN KEY (project_id) REFERENCES gitpoap.project (id),
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT contribution_user_id_fkey FOREIGN KEY (user_id) REFERENCES gitpoap.github_user (id);
ALTER TABLE gitpoap.claim
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT claim_user_id_fkey FOREIGN KEY (user_id) REFERENCES gitpoap.github_user (id),
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT claim_pull_request_earned_id_fkey FOREIGN KEY (pull_request_earned_id)
        REFERENCES gitpoap.pull_request (id) ON DELETE SET NULL,
    -- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint
    ADD CONSTRAINT claim_gitpoap_project_fkey FOREIGN KEY (gitpoap_id, project_id) REFERENCES gitpoap.gitpoap (id, project_id);
