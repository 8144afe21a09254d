-- Disruption windows (projection `disruption-windows`, PROXMOX.md "Disruption windows"). Rows carry the replay
-- generation (ADR 0005); readers use the generation in processor_token.

-- The facts of the tasks the rules look at (those with a window kind, and start-class tasks), one row per task,
-- completed when its finish arrives. A target's windows are recomputed from all its rows, in time order, whenever
-- one of them changes: so the windows do not depend on the order in which tasks arrive.
create table disruption_task (
    generation  integer     not null,
    host_id     text        not null,
    upid        text        not null,
    -- a guest id, 'node' or 'service:<name>'
    target      text        not null,
    guest       text,
    task_type   text        not null,
    -- the window kind and class from the host's class table when projected (a replay applies a changed table)
    window_kind text        not null,
    task_class  text        not null,
    start_time  timestamptz not null,
    -- null while only the start is known
    end_time    timestamptz,
    failed      boolean     not null,
    primary key (generation, host_id, upid)
);

create index disruption_task_target on disruption_task (generation, host_id, target);

-- The windows: those of tasks (replaced per target on every recomputation) and those of manual entries.
create table disruption_window (
    generation     integer     not null,
    host_id        text        not null,
    -- the causing task's UPID, or 'entry:<entryId>'
    window_key     text        not null,
    target         text        not null,
    guest          text,
    cause          text        not null,
    cause_upid     text,
    closed_by_upid text,
    entry_id       text,
    start_time     timestamptz not null,
    -- null while open
    end_time       timestamptz,
    failed         boolean     not null,
    migration      boolean     not null,
    primary key (generation, host_id, window_key)
);

-- The read: one host's windows overlapping a time range, in start order.
create index disruption_window_host_start on disruption_window (generation, host_id, start_time);
-- The recomputation: one target's task windows.
create index disruption_window_target on disruption_window (generation, host_id, target);
