-- pull_request_merged_at_range back to NOT VALID is not expressible; validation changed no row: nothing to undo.
SET LOCAL lock_timeout = '5s';
