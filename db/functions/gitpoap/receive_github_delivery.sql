-- gitpoap.receive_github_delivery: one verified GitHub webhook delivery; a merged PR of a registered repo is stored
-- through gitpoap.import_pull_requests (its rules, its claims), once per delivery GUID.
CREATE OR REPLACE FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text)
    RETURNS TABLE (outcome text, repo text, number integer, claims_issued bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_payload jsonb;
    v_pr jsonb;
    v_repo_id bigint;
    v_project text;
    v_inserted bigint;
BEGIN
    BEGIN
        v_payload := p_payload::jsonb;
    EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
        v_payload := NULL;
    END;
    IF jsonb_typeof(v_payload) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'payload must be a JSON object (got %)', left(coalesce(p_payload, 'nothing'), 40)
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'payload',
                  HINT = 'set the webhook''s content type to application/json';
    END IF;
    repo := v_payload -> 'repository' ->> 'full_name';
    IF p_event = 'ping' THEN
        outcome := 'pong';
        RETURN NEXT;
        RETURN;
    END IF;
    v_pr := v_payload -> 'pull_request';
    IF p_event IS DISTINCT FROM 'pull_request' OR v_payload ->> 'action' IS DISTINCT FROM 'closed'
       OR v_pr -> 'merged' IS DISTINCT FROM 'true'::jsonb THEN
        outcome := 'ignored';
        RETURN NEXT;
        RETURN;
    END IF;
    -- The repo row first, as the import locks it: deliveries of one repo queue here (a delivery row's key-share
    -- lock on it, taken before, would deadlock two deliveries waiting to update it).
    SELECT r.id, p.name INTO v_repo_id, v_project
    FROM gitpoap.repo r JOIN gitpoap.project p ON p.id = r.project_id
    JOIN gitpoap.webhook_repo w ON w.repo_id = r.id
    WHERE r.name = repo
    FOR UPDATE OF r;
    IF NOT FOUND THEN
        outcome := 'unregistered';
        RETURN NEXT;
        RETURN;
    END IF;

    IF p_delivery IS NULL OR p_delivery !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        RAISE EXCEPTION 'delivery must be GitHub''s delivery GUID (got %)', coalesce(quote_literal(left(p_delivery, 60)), 'nothing')
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'delivery',
                  HINT = 'send the X-GitHub-Delivery header';
    END IF;
    -- A redelivery (or the same delivery arriving twice at once: the second waits for the first) finds the row.
    INSERT INTO gitpoap.webhook_delivery (delivery_id, repo_id) VALUES (p_delivery::uuid, v_repo_id)
    ON CONFLICT (delivery_id) DO NOTHING;
    IF NOT FOUND THEN
        outcome := 'redelivery';
        RETURN NEXT;
        RETURN;
    END IF;

    -- The PR as a gh JSON record (the fields imports read), judged and stored by the import's own rules.
    INSERT INTO gitpoap.pr_import (ordinal, record, from_json)
    VALUES (0, jsonb_build_object('number', v_pr -> 'number', 'title', v_pr -> 'title',
                                  'author', jsonb_build_object('login', v_pr -> 'user' -> 'login'),
                                  'mergedAt', v_pr -> 'merged_at',
                                  'mergeCommit', jsonb_build_object('oid', v_pr -> 'merge_commit_sha')), true);
    SELECT i.inserted, i.claims_issued INTO v_inserted, claims_issued
    FROM gitpoap.import_pull_requests(repo, v_project, false, false) AS i;
    number := (v_pr ->> 'number')::integer;
    outcome := CASE WHEN v_inserted = 1 THEN 'stored' ELSE 'already_stored' END;
    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.receive_github_delivery(text, text, text) IS 'Handles one GitHub webhook delivery whose signature the caller verified: p_delivery the X-GitHub-Delivery GUID, p_event the X-GitHub-Event header, p_payload the body (JSON). Outcome: pong (ping event); ignored (any other event, or a pull_request event that is not a merged close); unregistered (a merged PR of a repository not registered by gitpoap.register_repo: nothing stored, no delivery row); redelivery (this GUID stored its PR before: nothing changes); stored or already_stored (the PR — pull_request.user.login, number, title, merged_at, merge_commit_sha of repository.full_name — went through gitpoap.import_pull_requests, without marking the history loaded, and the triggers issued claims_issued claims). A malformed payload or GUID raises invalid_parameter_value naming it (payload, delivery, records[0].<field>).';
REVOKE ALL ON FUNCTION gitpoap.receive_github_delivery(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.receive_github_delivery(text, text, text) TO rewards_admin;
