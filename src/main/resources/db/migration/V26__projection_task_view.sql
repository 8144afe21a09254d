-- The task view (projection `task-view`): one row per Proxmox task of a host, what GET /api/v1/hosts/{id}/tasks
-- lists. A task's start makes its row, its finish completes it. Rows carry the replay generation (ADR 0005); readers
-- use the generation in processor_token. A new processor: it reads every stored event from the first on its first
-- start, so no data migration is needed.
create table task_view (
    generation     integer     not null,
    host_id        text        not null,
    upid           text        not null,
    task_type      text        not null,
    -- the class by the host's class table when indexed (a replay reclassifies)
    task_class     text        not null,
    -- the UPID's id field as raw text, null when empty
    guest          text,
    user_name      text        not null,
    start_time     timestamptz not null,
    -- null while no finish is recorded
    end_time       timestamptz,
    status         text,
    failed         boolean,
    primary key (generation, host_id, upid),
    check ((end_time is null) = (status is null) and (status is null) = (failed is null))
);

-- Pages of one host in start order, the UPID breaking ties: the keyset of the view.
create index task_view_host_start on task_view (generation, host_id, start_time, upid);
