-- depends: 0060_core_table_locks
-- gitpoap: counters and claims (rows only this schema's functions write, from keys they have just read) lose their
-- per-row foreign-key checks; the references are kept where the referenced rows change, by the triggers of
-- db/triggers/gitpoap/ (a deleted PR leaves its claims without an earning PR; a user, project or GitPOAP that
-- counters or claims refer to cannot be deleted or truncated, nor a GitPOAP with claims moved to another project).
SET LOCAL lock_timeout = '5s';
ALTER TABLE gitpoap.contribution
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT contribution_project_id_fkey,
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT contribution_user_id_fkey;
ALTER TABLE gitpoap.claim
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT claim_user_id_fkey,
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT claim_pull_request_earned_id_fkey,
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT claim_gitpoap_project_fkey;
