-- Operational state of the one pull per cluster (ADR 0064; not audit data: no events). Each member's own state stays
-- in host_sync.
create table cluster_sync (
    cluster          text primary key,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    -- the address that answered the last sync (the base URL or a fallback)
    answered_by      text,
    -- what the last sync could not do, each a sentence: an address that was down, a member that could not be read,
    -- tasks of a node that is not a member (stored for no host)
    problems         jsonb       not null default '[]'::jsonb,
    last_error       text,
    last_error_at    timestamptz
);
