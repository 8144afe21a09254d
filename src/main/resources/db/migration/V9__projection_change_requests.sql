-- The change request index (projection `change-requests`): one row per request with its current host, target,
-- status and planned window, for lists and coverage. The requests themselves are folded from their streams.
-- Rows carry the replay generation (ADR 0005); readers use the generation in processor_token.
create table change_request_index (
    generation        integer     not null,
    change_request_id text        not null,
    host_id           text        not null,
    target            text        not null,
    title             text        not null,
    status            text        not null,
    planned_start     timestamptz not null,
    planned_end       timestamptz not null,
    self_approved     boolean     not null,
    retroactive       boolean     not null,
    submitted_at      timestamptz not null,
    last_position     bigint      not null,
    primary key (generation, change_request_id)
);

-- Lists and coverage: one host's requests by planned window.
create index change_request_index_host_window on change_request_index (generation, host_id, planned_start);
